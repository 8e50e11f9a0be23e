import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type PackageJson = { name?: string; version?: string; dependencies?: Record<string, string> };

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;

/** The app's own folder: the one holding its package.json (the repository, out/.. or app.asar). */
function appRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      if (readJson(join(dir, 'package.json')).name === 'signal-explorer') return dir;
    } catch {
      // No package.json here (or not ours): look one folder up.
    }
    dir = dirname(dir);
  }
  return null;
}

/**
 * The versions of the libraries the main process runs on, as installed (node_modules, also inside
 * a packaged app's asar); the range package.json asks for where one cannot be read. The window's
 * libraries are bundled into its page and follow from the app's version.
 */
export function libraryVersions(): Record<string, string> {
  const root = appRoot();
  if (!root) return {};
  const wanted = readJson(join(root, 'package.json')).dependencies ?? {};
  return Object.fromEntries(
    Object.entries(wanted).map(([name, range]) => {
      try {
        return [name, readJson(join(root, 'node_modules', name, 'package.json')).version ?? range];
      } catch {
        // Not installed where we look (bundled into the app instead): the range is what we know.
        return [name, `${range} (as asked)`];
      }
    }),
  );
}
