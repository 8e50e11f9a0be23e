import { useEffect, useMemo, useState } from 'react';
import type { AppErrorData, SelectedSignal } from '../../../../src-preload/contract';
import { BridgeError, subscribe } from '../../lib/bridge';
import { canResume, isRunning } from './api';
import type { ExportJob } from './export-job';
import { JobProgress } from './JobProgress';
import { placeExportError, type PlacedError } from './place-error';
import { SaveDialog } from './SaveDialog';
import { SaveConditionsDialog } from './SaveConditionsDialog';
import { ErrorAlert } from '../../ui/ErrorAlert';

const asData = (e: Error): AppErrorData =>
  e instanceof BridgeError ? { kind: e.kind, message: e.message, details: e.details } : { kind: 'internal', message: e.message };

interface Props {
  job: ExportJob;
  /** The signals as selected now, to match a "not found" answer back to them. The callbacks must be stable. */
  selected(): readonly SelectedSignal[];
  /** Puts field problems beside their inputs and marks missing signals, once per failure. */
  onPlace(placed: Pick<PlacedError, 'fields' | 'missingIds'>): void;
  /** "Fix the API key": the connection the export used. */
  onFixKey(connectionId: string | undefined): void;
  /** "Use the last hour instead". */
  onShorten(): void;
  /** The desktop menu's File > New Export. */
  onNewExport(): void;
  /** The zone the user works in: slices of failed chunks are named in it. */
  zone: string;
}

/** Export, Cancel and Save…, the job's progress, and where its failure belongs. */
export function ExportBar({ job, selected, onPlace, onFixKey, onShorten, onNewExport, zone }: Props) {
  const [saving, setSaving] = useState(false);
  const [savingConditions, setSavingConditions] = useState(false);
  const running = job.starting || isRunning(job.status);
  // The failure's source is a stable object (the start error, or the failed status from the query
  // cache), so the effect below runs once per failure, not once per render.
  const source = job.startError ?? (job.status?.stage === 'failed' ? job.status : null);
  const failure = useMemo<AppErrorData | null>(() => (source instanceof Error ? asData(source) : (source?.error ?? null)), [source]);
  // The callbacks are stable (the window composes them once), so these run once per failure.
  const placed = useMemo(() => (failure ? placeExportError(failure, selected(), zone) : null), [failure, selected, zone]);

  // Field problems and missing signals go to their place in the form, once per failure.
  useEffect(() => {
    if (placed) onPlace(placed);
  }, [placed, onPlace]);

  const banner = placed?.banner;
  const ready = job.status?.stage === 'ready';
  const hasConditions = !!job.status?.request.derivations?.conditions.length;
  const resumable = !running && canResume(job.status);
  // Retry goes on from the chunks a failed job kept; a start that failed starts again.
  const retry = () => {
    if (job.jobId && job.status?.stage === 'failed') void job.resume(job.jobId);
    else if (job.lastRequest) void job.start(job.lastRequest);
  };

  // The desktop menu's File > New Export and File > Save… do what the window's own controls do.
  useEffect(
    () =>
      subscribe('app.menu', ({ action }) => {
        if (action === 'save' && ready) setSaving(true);
        if (action === 'new-export') onNewExport();
      }),
    [ready, onNewExport],
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
        {resumable && (
          <button type="button" onClick={() => job.jobId && void job.resume(job.jobId)}>
            Resume
          </button>
        )}
        <button type="button" disabled={!ready} onClick={() => setSaving(true)}>
          Save…
        </button>
        {hasConditions && (
          <button type="button" disabled={!ready} onClick={() => setSavingConditions(true)}>
            Save conditions…
          </button>
        )}
      </div>
      {job.status && <JobProgress status={job.status} zone={zone} />}
      {job.statusError && !job.status && <ErrorAlert error={job.statusError} title="Lost track of the export." />}
      {banner && (
        <div role="alert" className="alert" data-kind={failure?.kind}>
          <strong>{banner.title}</strong> <span>{banner.message}</span>
          {banner.where && <p className="small">{banner.where}</p>}
          {banner.hint && <p className="hint">{banner.hint}</p>}
          <div className="alert-actions">
            {banner.action === 'retry' && job.lastRequest && (
              <button type="button" onClick={retry}>
                Retry
              </button>
            )}
            {banner.action === 'fix-key' && (
              <button type="button" onClick={() => onFixKey(job.lastRequest?.connectionId)}>
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
      {ready && job.status && hasConditions && (
        <SaveConditionsDialog open={savingConditions} onClose={() => setSavingConditions(false)} status={job.status} />
      )}
    </div>
  );
}
