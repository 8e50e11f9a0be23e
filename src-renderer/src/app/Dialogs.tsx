import { useWatch } from 'react-hook-form';
import type { HistoryEntry, JobStatus } from '../../../src-preload/contract';
import { ConnectionsDialog } from '../features/connections/ConnectionsDialog';
import { HistoryDialog } from '../features/history/HistoryDialog';
import { selectionOfRequest } from '../features/selections/export-request';
import type { SelectionValues } from '../features/selections/form-schema';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { RecipesPanel } from '../features/recipes/RecipesPanel';
import { Dialog } from '../ui/Dialog';
import { useActiveConnection } from './state/active-connection';
import { useJob } from './state/job';
import { useSelection } from './state/selection';

export type OpenDialog = 'history' | 'settings' | 'recipes' | null;

/** The window's dialogs: connections, settings, and the history whose entries come back into the selection. */
export function Dialogs({ open, onClose }: { open: OpenDialog; onClose(): void }) {
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
  const resume = (e: HistoryEntry) => {
    loadIntoForm(e);
    void job.resume(e.id);
  };
  const opened = (e: HistoryEntry, status: JobStatus) => {
    loadIntoForm(e);
    job.adopt(status);
  };

  return (
    <>
      <ConnectionsDialog manage={manage} onClose={closeManager} connectionId={connectionId} onUse={setConnectionId} />
      <HistoryDialog open={open === 'history'} onClose={onClose} zone={zone} onRerun={rerun} onResume={resume} onOpened={opened} />
      <SettingsDialog open={open === 'settings'} onClose={onClose} />
      <Dialog title="Recipes" open={open === 'recipes'} onClose={onClose} wide>
        <RecipesPanel />
      </Dialog>
    </>
  );
}
