import { useQuery } from '@tanstack/react-query';
import type { HistoryEntry } from '../../../../src-preload/contract';
import { formatBytes, formatCount, plural } from '../../lib/format';
import { formatReadable, formatWallTime } from '../../lib/zoned-time';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useActiveConnection } from '../connections/active-connection';
import { useJob } from '../request/job-context';
import { useSelectionActions } from '../selection/selection-context';
import { historyQuery, useOpenHistory, useRemoveHistory } from './api';

const outcomeText: Record<HistoryEntry['outcome'], string> = {
  running: 'Running',
  ready: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Past exports: what, when, how it ended; open a cached one's preview, or run it again. */
export function HistoryDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const history = useQuery({ ...historyQuery, enabled: open });
  const openEntry = useOpenHistory();
  const remove = useRemoveHistory();
  const job = useJob();
  const { form, replace } = useSelectionActions();
  const { setConnectionId } = useActiveConnection();
  const zone = form.getValues('window.timeZone');

  // The request holds instants; put them in the form as absolute times in the zone the user works in.
  const loadIntoForm = (e: HistoryEntry) => {
    const at = (iso: string) => formatWallTime(Date.parse(iso), zone);
    setConnectionId(e.request.connectionId);
    replace({
      signals: e.request.signals,
      window: { start: at(e.request.timeWindow.start), end: at(e.request.timeWindow.end), timeZone: zone },
      format: e.request.format,
    });
  };
  const rerun = (e: HistoryEntry) => {
    loadIntoForm(e);
    void job.start(e.request);
    onClose();
  };
  const preview = async (e: HistoryEntry) => {
    const status = await openEntry.mutateAsync(e.id).catch(() => null);
    if (!status) return;
    loadIntoForm(e);
    job.adopt(status);
    onClose();
  };

  return (
    <Dialog title="History" open={open} onClose={onClose} wide>
      {history.isError && <ErrorAlert error={history.error} />}
      {openEntry.isError && <ErrorAlert error={openEntry.error} title="Could not open it." />}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {history.data?.length === 0 && <p className="empty">No exports yet.</p>}
      {history.data && history.data.length > 0 && (
        <ul className="history-list" aria-label="Past exports">
          {history.data.map((e) => {
            const names = e.request.signals.map((s) => s.rename).join(', ');
            return (
              <li key={e.id}>
                <div>
                  <strong>{outcomeText[e.outcome]}</strong> <span className="muted">{formatReadable(e.startedAt, zone)}</span>
                  <div className="small">
                    {plural(e.request.signals.length, 'signal')}: {names.length > 120 ? `${names.slice(0, 120)}…` : names}
                  </div>
                  <div className="small muted">
                    {formatReadable(Date.parse(e.request.timeWindow.start), zone)} →{' '}
                    {formatReadable(Date.parse(e.request.timeWindow.end), zone)} · {e.request.format}
                    {e.rowCount !== undefined && ` · ${formatCount(e.rowCount)} rows`}
                    {e.fileBytes !== undefined && ` · ${formatBytes(e.fileBytes)}`}
                  </div>
                  {e.error && <div className="small field-error">{e.error.message}</div>}
                </div>
                <div className="button-row">
                  {e.cached && e.outcome === 'ready' && (
                    <button type="button" onClick={() => void preview(e)}>
                      Open preview
                    </button>
                  )}
                  <button type="button" onClick={() => rerun(e)}>
                    Re-run
                  </button>
                  <button type="button" aria-label="Remove from history" onClick={() => remove.mutate(e.id)}>
                    Remove
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Dialog>
  );
}
