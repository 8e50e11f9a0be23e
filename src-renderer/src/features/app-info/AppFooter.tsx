import { useEffect, useState } from 'react';
import type { LogFolder } from '../../../../src-preload/contract';
import { useAppInfo } from '../../lib/app-info';
import { subscribe } from '../../lib/bridge';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useOpenLogFolder } from './api';
import { DiagnosticsDialog } from './DiagnosticsDialog';
import { LogFolderDialog } from './LogFolderDialog';
import { useDiagnosticsReport } from './use-diagnostics-report';

/**
 * Which app, which version, and how keys are kept (the user should know in browser mode); and what
 * to send when something goes wrong: the log folder and the diagnostics (also in the desktop app's
 * Help menu).
 */
export function AppFooter() {
  const info = useAppInfo();
  const openLogFolder = useOpenLogFolder();
  const report = useDiagnosticsReport();
  const [folder, setFolder] = useState<LogFolder | null>(null);
  const { start } = report;
  // Help > Copy Diagnostics… in the desktop app's menu.
  useEffect(() => subscribe('app.menu', ({ action }) => action === 'copy-diagnostics' && start()), [start]);

  const showFolder = async () => {
    // A failure is shown in the footer (openLogFolder.error).
    const answer = await openLogFolder.mutateAsync().catch(() => null);
    // Opened: the file manager is the answer. Not: the path, to open or copy by hand.
    if (answer && !answer.opened) setFolder(answer);
  };
  if (info.isError)
    return (
      <footer className="app-footer" role="alert">
        {info.error.message}
      </footer>
    );
  if (!info.data) return <footer className="app-footer">Connecting…</footer>;
  const { name, version, mode, secretStorage } = info.data;
  return (
    <footer className="app-footer">
      <span data-testid="app-version">
        {name} {version}
      </span>
      <span>{mode === 'browser' ? 'Browser mode' : 'Desktop'}</span>
      {secretStorage === 'memory' && <span>API keys are kept in memory for this session only.</span>}
      <span className="app-footer-actions">
        <button type="button" className="link-button" onClick={() => void showFolder()} disabled={openLogFolder.isPending}>
          Open log folder
        </button>
        <button type="button" className="link-button" onClick={start}>
          Copy diagnostics
        </button>
      </span>
      {openLogFolder.isError && <ErrorAlert error={openLogFolder.error} title="Could not open the log folder." />}
      <DiagnosticsDialog report={report} />
      <LogFolderDialog folder={folder} onClose={() => setFolder(null)} />
    </footer>
  );
}
