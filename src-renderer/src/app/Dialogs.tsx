import { useWatch } from 'react-hook-form';
import type { HistoryEntry, JobStatus } from '../../../src-preload/contract';
import { ConnectionsDialog } from '../features/connections/ConnectionsDialog';
import { HistoryDialog } from '../features/history/HistoryDialog';
import { selectionOfRequest } from '../features/selections/export-request';
import type { SelectionValues } from '../features/selections/form-schema';
import { useActiveConnection } from './state/active-connection';
import { useJob } from './state/job';
import { useSelection } from './state/selection';

/** The window's dialogs: connections, and the history whose entries come back into the selection. */
export function Dialogs({ historyOpen, onCloseHistory }: { historyOpen: boolean; onCloseHistory(): void }) {
  const { connectionId, setConnectionId, manage, closeManager } = useActiveConnection();
  const { replace } = useSelection();
  const job = useJob();
  const zone = useWatch<SelectionValues, 'window.timeZone'>({ name: 'window.timeZone' }) ?? 'local';

  const loadIntoForm = (e: HistoryEntry) => {
    setConnectionId(e.request.connectionId);
    replace(selectionOfRequest(e.request, zone));
  };
  const rerun = (e: HistoryEntry) => {
    loadIntoForm(e);
    void job.start(e.request);
  };
  const opened = (e: HistoryEntry, status: JobStatus) => {
    loadIntoForm(e);
    job.adopt(status);
  };

  return (
    <>
      <ConnectionsDialog manage={manage} onClose={closeManager} connectionId={connectionId} onUse={setConnectionId} />
      <HistoryDialog open={historyOpen} onClose={onCloseHistory} zone={zone} onRerun={rerun} onOpened={opened} />
    </>
  );
}
