import { useAppInfo } from '../../lib/app-info';

/** Which app, which version, and how keys are kept: the user should know in browser mode. */
export function AppFooter() {
  const info = useAppInfo();
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
    </footer>
  );
}
