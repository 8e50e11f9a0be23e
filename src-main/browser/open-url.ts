import { spawn } from 'node:child_process';

/** Opens a URL in the system's browser; says so when it cannot (no desktop) instead of failing. */
export function openUrl(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => console.error(`Could not open a browser by itself: open ${url.split('?')[0]} from the line above.`));
  child.unref();
}
