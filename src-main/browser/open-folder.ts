import { spawn } from 'node:child_process';
import type { Logger } from '../log/logger';

/** Still running by then: the file manager opened in the foreground of the command that started it. */
const WAIT_MS = 5_000;

/**
 * Opens a folder in the system's file manager, as open-url.ts opens a URL: browser mode's host runs
 * on the user's machine. Answers whether that worked (`xdg-open` exits non-zero with no desktop to
 * open it on), so that the window can show the path to copy instead.
 */
export function openFolder(path: string, log: Logger): Promise<boolean> {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [path]] : process.platform === 'win32' ? ['explorer.exe', [path]] : ['xdg-open', [path]];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.unref();
      resolve(true);
    }, WAIT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      log.warn('Could not open a folder in the file manager', { cmd, err: error });
      resolve(false);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      // explorer.exe exits with 1 also when it opened the folder.
      const opened = code === 0 || process.platform === 'win32';
      if (!opened) log.warn('Could not open a folder in the file manager', { cmd, exitCode: code });
      resolve(opened);
    });
  });
}
