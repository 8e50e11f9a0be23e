import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the app's own page is: the built `index.html` on disk, or the Vite dev server under
 * `electron-vite dev`. Every trust decision (IPC sender, navigation, permissions) asks `isAppUrl`.
 */
export type AppLocation =
  | { kind: 'file'; /** `file:///…/out/renderer/index.html`, exactly what the window loads. */ indexUrl: string }
  | { kind: 'dev'; /** e.g. `http://localhost:5173` */ origin: string };

/** The dev server only when electron-vite set it AND the app is not packaged: a packaged app ignores the variable. */
export function appLocation(outDir: string, devServerUrl: string | undefined, isPackaged: boolean): AppLocation {
  if (devServerUrl && !isPackaged) {
    const origin = new URL(devServerUrl).origin;
    if (origin === 'null') throw new Error(`ELECTRON_RENDERER_URL is not an http(s) URL: ${devServerUrl}`);
    return { kind: 'dev', origin };
  }
  return { kind: 'file', indexUrl: pathToFileURL(join(outDir, 'renderer', 'index.html')).href };
}

/** The URL the window loads. */
export function appEntryUrl(loc: AppLocation): string {
  return loc.kind === 'file' ? loc.indexUrl : `${loc.origin}/`;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    // Not a URL: never the app's page.
    return null;
  }
}

/** Compares file paths leniently about percent-encoding (Chromium and Node may encode a space or a `#` differently). */
function samePath(a: string, b: string): boolean {
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    // A malformed escape cannot be our file's path.
    return false;
  }
}

/**
 * Is `url` the app's own page? File mode: exactly our `index.html` (any query or #fragment), not a
 * sibling file, not a file on a network host. Dev mode: the dev server's origin, any path.
 */
export function isAppUrl(url: string, loc: AppLocation): boolean {
  const u = parse(url);
  if (!u) return false;
  if (loc.kind === 'dev') return u.origin === loc.origin;
  const index = new URL(loc.indexUrl);
  return u.protocol === 'file:' && u.host === '' && samePath(u.pathname, index.pathname);
}
