import { useState } from 'react';
import { AppFooter } from '../features/app-info/AppFooter';
import { BrowsePanel } from '../features/browse/BrowsePanel';
import { ActiveConnectionProvider } from '../features/connections/active-connection';
import { ConnectionPicker } from '../features/connections/ConnectionPicker';
import { ConnectionsDialog } from '../features/connections/ConnectionsDialog';
import { HistoryDialog } from '../features/history/HistoryDialog';
import { PreviewPanel } from '../features/preview/PreviewPanel';
import { JobProvider } from '../features/request/job-context';
import { SelectionProvider } from '../features/selection/selection-context';
import { SelectionPanel } from '../features/selection/SelectionPanel';

/** The window: browse on the left, the selection and export form in the middle, the preview on the right. */
export function App() {
  const [historyOpen, setHistoryOpen] = useState(false);
  return (
    <ActiveConnectionProvider>
      <SelectionProvider>
        <JobProvider>
          <div className="app">
            <header className="app-header">
              <h1>Signal Explorer</h1>
              <ConnectionPicker />
              <button type="button" onClick={() => setHistoryOpen(true)}>
                History
              </button>
            </header>
            <main className="app-main">
              <BrowsePanel />
              <SelectionPanel />
              <PreviewPanel />
            </main>
            <AppFooter />
          </div>
          <ConnectionsDialog />
          <HistoryDialog open={historyOpen} onClose={() => setHistoryOpen(false)} />
        </JobProvider>
      </SelectionProvider>
    </ActiveConnectionProvider>
  );
}
