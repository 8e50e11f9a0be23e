import { useEffect, useMemo, useState } from 'react';
import type { AppErrorData } from '../../../../src-preload/contract';
import { BridgeError, subscribe } from '../../lib/bridge';
import { DEFAULT_VALUES } from '../selection/form-schema';
import { useActiveConnection } from '../connections/active-connection';
import { useSelectionActions } from '../selection/selection-context';
import { isRunning } from './api';
import { useJob } from './job-context';
import { JobProgress } from './JobProgress';
import { placeExportError } from './place-error';
import { SaveDialog } from './SaveDialog';
import { ErrorAlert } from '../../ui/ErrorAlert';

const asData = (e: Error): AppErrorData =>
  e instanceof BridgeError ? { kind: e.kind, message: e.message, details: e.details } : { kind: 'internal', message: e.message };

/** Export, Cancel and Save…, the job's progress, and where its failure belongs. */
export function ExportBar({ onShorten }: { onShorten(): void }) {
  const job = useJob();
  const { form, setMissing, replace } = useSelectionActions();
  const { connectionId, openManager } = useActiveConnection();
  const [saving, setSaving] = useState(false);
  const running = job.starting || isRunning(job.status);
  // The failure's source is a stable object (the start error, or the failed status from the query
  // cache), so the effect below runs once per failure, not once per render.
  const source = job.startError ?? (job.status?.stage === 'failed' ? job.status : null);
  const failure = useMemo<AppErrorData | null>(() => (source instanceof Error ? asData(source) : (source?.error ?? null)), [source]);
  const placed = useMemo(() => (failure ? placeExportError(failure, form.getValues('signals')) : null), [failure, form]);

  // Field problems and missing signals go to their place in the form, once per failure.
  useEffect(() => {
    if (!placed) return;
    for (const f of placed.fields) form.setError(f.path as never, { type: 'server', message: f.message }, { shouldFocus: true });
    if (placed.missingIds.length) setMissing(new Set(placed.missingIds));
  }, [placed, form, setMissing]);

  const banner = placed?.banner;
  const ready = job.status?.stage === 'ready';

  // The desktop menu's File > New Export and File > Save… do what the window's own controls do.
  useEffect(
    () =>
      subscribe('app.menu', ({ action }) => {
        if (action === 'save' && ready) setSaving(true);
        if (action === 'new-export') replace(DEFAULT_VALUES);
      }),
    [ready, replace],
  );
  return (
    <div className="export-bar">
      <div className="button-row">
        <button type="submit" className="primary" disabled={running}>
          Export
        </button>
        <button type="button" disabled={!running} onClick={job.cancel}>
          Cancel
        </button>
        <button type="button" disabled={!ready} onClick={() => setSaving(true)}>
          Save…
        </button>
      </div>
      {job.status && <JobProgress status={job.status} />}
      {job.statusError && !job.status && <ErrorAlert error={job.statusError} title="Lost track of the export." />}
      {banner && (
        <div role="alert" className="alert" data-kind={failure?.kind}>
          <strong>{banner.title}</strong> <span>{banner.message}</span>
          {banner.hint && <p className="hint">{banner.hint}</p>}
          <div className="alert-actions">
            {banner.action === 'retry' && job.lastRequest && (
              <button type="button" onClick={() => job.lastRequest && void job.start(job.lastRequest)}>
                Retry
              </button>
            )}
            {banner.action === 'fix-key' && (
              <button type="button" onClick={() => openManager(job.lastRequest?.connectionId ?? connectionId)}>
                Fix the API key
              </button>
            )}
            {banner.action === 'shorten' && (
              <button type="button" onClick={onShorten}>
                Use the last hour instead
              </button>
            )}
          </div>
        </div>
      )}
      {ready && job.status && <SaveDialog open={saving} onClose={() => setSaving(false)} status={job.status} />}
    </div>
  );
}
