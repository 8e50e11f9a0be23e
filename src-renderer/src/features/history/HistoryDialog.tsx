import { useQuery } from '@tanstack/react-query';
import type { HistoryEntry, JobStatus } from '../../../../src-preload/contract';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { historyQuery, useOpenHistory, useRemoveHistory } from './api';
import { HistoryItem } from './HistoryItem';

interface Props {
  open: boolean;
  onClose(): void;
  /** The zone the user works in: times are shown in it. */
  zone: string;
  /** "Re-run": export the entry's request again, from nothing. */
  onRerun(entry: HistoryEntry): void;
  /** "Resume": go on with a stopped export from its finished chunks. */
  onResume(entry: HistoryEntry): void;
  /** "Open preview": the main process has the entry's job again (ready, or the chunks a stopped one kept). */
  onOpened(entry: HistoryEntry, status: JobStatus): void;
}

/** Past exports: what, when, how it ended and why; open a cached one's preview, resume a stopped one, or run it again. */
export function HistoryDialog({ open, onClose, zone, onRerun, onResume, onOpened }: Props) {
  const history = useQuery({ ...historyQuery, enabled: open });
  const openEntry = useOpenHistory();
  const remove = useRemoveHistory();

  const rerun = (e: HistoryEntry) => {
    onRerun(e);
    onClose();
  };
  const resume = (e: HistoryEntry) => {
    onResume(e);
    onClose();
  };
  const preview = async (e: HistoryEntry) => {
    // A failure is shown in the dialog (openEntry.error).
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
          {history.data.map((e) => (
            <HistoryItem
              key={e.id}
              entry={e}
              zone={zone}
              onPreview={() => void preview(e)}
              onResume={() => resume(e)}
              onRerun={() => rerun(e)}
              onRemove={() => remove.mutate(e.id)}
            />
          ))}
        </ul>
      )}
    </Dialog>
  );
}
