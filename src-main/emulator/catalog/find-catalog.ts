import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RELATIVE = join('resources', 'demo', 'catalog.json');

/**
 * The default catalog: walk up from this module's folder until `resources/demo/catalog.json`
 * exists. Under tsx the module is src-main/emulator/catalog/, after bundling it is out/main/; both
 * sit below the repo (or the packaged app's resources). The working directory is the last resort.
 */
export function findDefaultCatalog(startDir = dirname(fileURLToPath(import.meta.url))): string {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, RELATIVE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const fromCwd = join(process.cwd(), RELATIVE);
  if (existsSync(fromCwd)) return fromCwd;
  throw new Error(`Cannot find ${RELATIVE} above ${startDir}: pass catalogPath`);
}
