import { useState } from 'react';
import { AppFooter } from '../features/app-info/AppFooter';
import { ConnectionPicker } from '../features/connections/ConnectionPicker';
import { BrowsePane } from './BrowsePane';
import { Dialogs } from './Dialogs';
import { PreviewPane } from './PreviewPane';
import { SelectionPane } from './SelectionPane';
import { ActiveConnectionProvider, useActiveConnection } from './state/active-connection';
import { JobProvider } from './state/job';
import { SelectionProvider } from './state/selection';

/**
 * The window: browse on the left, the selection and export form in the middle, the preview on the
 * right. Features never import each other: this folder composes them and holds what they share
 * (the connection in use, the selection, the export shown).
 */
export function App() {
  return (
    <ActiveConnectionProvider>
      <SelectionProvider>
        <JobProvider>
          <Window />
        </JobProvider>
      </SelectionProvider>
    </ActiveConnectionProvider>
  );
}

function Window() {
  const [historyOpen, setHistoryOpen] = useState(false);
  const { connectionId, setConnectionId, openManager } = useActiveConnection();
  return (
    <>
      <div className="app">
        <header className="app-header">
          <h1>Signal Explorer</h1>
          <ConnectionPicker connectionId={connectionId} onChange={setConnectionId} onManage={() => openManager()} />
          <button type="button" onClick={() => setHistoryOpen(true)}>
            History
          </button>
        </header>
        <main className="app-main">
          <BrowsePane />
          <SelectionPane />
          <PreviewPane />
        </main>
        <AppFooter />
      </div>
      <Dialogs historyOpen={historyOpen} onCloseHistory={() => setHistoryOpen(false)} />
    </>
  );
}
