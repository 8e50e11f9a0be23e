import { useState, type CSSProperties } from 'react';
import { AppFooter } from '../features/app-info/AppFooter';
import { ConnectionPicker } from '../features/connections/ConnectionPicker';
import { FoldablePane } from '../ui/FoldablePane';
import { Splitter } from '../ui/Splitter';
import { BrowsePane } from './BrowsePane';
import { Dialogs } from './Dialogs';
import { PreviewPane } from './PreviewPane';
import { SelectionPane } from './SelectionPane';
import { ActiveConnectionProvider, useActiveConnection } from './state/active-connection';
import { JobProvider } from './state/job';
import { SelectionProvider } from './state/selection';
import { PANE_MAX, PANE_MIN, usePaneLayout } from './use-pane-layout';

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

/** A folded pane's strip. */
const FOLDED = '2.5rem';

function Window() {
  const [historyOpen, setHistoryOpen] = useState(false);
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
          <button type="button" onClick={() => setHistoryOpen(true)}>
            History
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
          <PreviewPane />
        </main>
        <AppFooter />
      </div>
      <Dialogs historyOpen={historyOpen} onCloseHistory={() => setHistoryOpen(false)} />
    </>
  );
}
