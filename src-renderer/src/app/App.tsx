import { AppFooter } from '../features/app-info/AppFooter';
import { BrowsePanel } from '../features/browse/BrowsePanel';
import { SelectionPanel } from '../features/selection/SelectionPanel';
import { PreviewPanel } from '../features/preview/PreviewPanel';

/** The window: browse on the left, the selection and export form in the middle, the preview on the right. */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Signal Explorer</h1>
      </header>
      <main className="app-main">
        <BrowsePanel />
        <SelectionPanel />
        <PreviewPanel />
      </main>
      <AppFooter />
    </div>
  );
}
