import { useState, type CSSProperties } from 'react';
import { AppFooter } from '../features/app-info/AppFooter';
import { ConnectionPicker } from '../features/connections/ConnectionPicker';
import { FoldablePane } from '../ui/FoldablePane';
import { Splitter } from '../ui/Splitter';
import { BrowsePane } from './BrowsePane';
import { Dialogs, type OpenDialog } from './Dialogs';
import { useReportVisibility } from '../features/live/api';
import { DataPane } from './DataPane';
import { SelectionPane } from './SelectionPane';
import { ActiveConnectionProvider, useActiveConnection } from './state/active-connection';
import { JobProvider } from './state/job';
import { SelectionProvider } from './state/selection';
import { PANE_MAX, PANE_MIN, usePaneLayout } from './use-pane-layout';

/**
 * The window: browse on the left, the selection and export form in the middle, the preview (or
 * Live) on the right. Features never import each other: this folder composes them and holds what they share
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

/** A folded pane's strip. */
const FOLDED = '2.5rem';

function Window() {
  const [dialog, setDialog] = useState<OpenDialog>(null);
  // Live pauses while the window is hidden, whichever pane is shown.
  useReportVisibility();
  const { connectionId, setConnectionId, openManager } = useActiveConnection();
  // The panes resize by dragging their borders and fold away; the preview takes the rest.
  const [layout, setLayout] = usePaneLayout();
  const columns = [
    layout.browseFolded ? FOLDED : `${layout.browse}px`,
    'auto',
    layout.selectionFolded ? FOLDED : `${layout.selection}px`,
    'auto',
    'minmax(360px, 1fr)',
  ].join(' ');
  return (
    <>
      <div className="app">
        <header className="app-header">
          <h1>Signal Explorer</h1>
          <ConnectionPicker connectionId={connectionId} onChange={setConnectionId} onManage={() => openManager()} />
          <button type="button" onClick={() => setDialog('history')}>
            History
          </button>
          <button type="button" onClick={() => setDialog('recipes')}>
            Recipes
          </button>
          <button type="button" onClick={() => setDialog('settings')}>
            Settings
          </button>
        </header>
        <main className="app-main" style={{ gridTemplateColumns: columns } as CSSProperties}>
          <FoldablePane label="Browse" folded={layout.browseFolded} onFold={(browseFolded) => setLayout({ browseFolded })}>
            <BrowsePane />
          </FoldablePane>
          <Splitter
            label="Browse"
            value={layout.browse}
            min={PANE_MIN}
            max={PANE_MAX}
            onResize={(browse) => setLayout({ browse, browseFolded: false })}
            onToggle={() => setLayout({ browseFolded: !layout.browseFolded })}
          />
          <FoldablePane label="Selection" folded={layout.selectionFolded} onFold={(selectionFolded) => setLayout({ selectionFolded })}>
            <SelectionPane />
          </FoldablePane>
          <Splitter
            label="Selection"
            value={layout.selection}
            min={PANE_MIN}
            max={PANE_MAX}
            onResize={(selection) => setLayout({ selection, selectionFolded: false })}
            onToggle={() => setLayout({ selectionFolded: !layout.selectionFolded })}
          />
          <DataPane />
        </main>
        <AppFooter />
      </div>
      <Dialogs open={dialog} onClose={() => setDialog(null)} />
    </>
  );
}
