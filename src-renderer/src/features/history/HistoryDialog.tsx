import { useQuery } from '@tanstack/react-query';
import type { HistoryEntry, JobStatus } from '../../../../src-preload/contract';
import { formatBytes, formatCount, plural } from '../../lib/format';
import { formatReadable } from '../../lib/zoned-time';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { historyQuery, useOpenHistory, useRemoveHistory } from './api';

const outcomeText: Record<HistoryEntry['outcome'], string> = {
  running: 'Running',
  ready: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

interface Props {
  open: boolean;
  onClose(): void;
  /** The zone the user works in: times are shown in it. */
  zone: string;
  /** "Re-run": export the entry's request again. */
  onRerun(entry: HistoryEntry): void;
  /** "Open preview": the main process has the entry's job again, ready. */
  onOpened(entry: HistoryEntry, status: JobStatus): void;
}

/** Past exports: what, when, how it ended; open a cached one's preview, or run it again. */
export function HistoryDialog({ open, onClose, zone, onRerun, onOpened }: Props) {
  const history = useQuery({ ...historyQuery, enabled: open });
  const openEntry = useOpenHistory();
  const remove = useRemoveHistory();

  const rerun = (e: HistoryEntry) => {
    onRerun(e);
    onClose();
  };
  const preview = async (e: HistoryEntry) => {
    const status = await openEntry.mutateAsync(e.id).catch(() => null);
    if (!status) return;
    onOpened(e, status);
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
