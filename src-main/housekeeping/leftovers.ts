import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sweepStale, type SweepRule } from './sweep-stale';

/*
 * Where each part of the app leaves temporary files, and under which names. A new kind of
 * temporary file gets its rule here.
 */

const HEX12 = '[0-9a-f]{12}';
/** atomic-save and the output-folder check: `.NAME.<hex>.tmp` beside the saved file. */
export const SAVE_TEMP = new RegExp(`^\\..+\\.${HEX12}\\.tmp$`);
/** storage/json-file (settings, history, connections, selections, window state): `NAME.json.<hex>.tmp`. */
const JSON_TEMP = new RegExp(`^.+\\.json\\.${HEX12}\\.tmp$`);
/** electron/secret-store: `<hex id>.bin.<hex>.tmp`. */
const SECRET_TEMP = new RegExp(`^[0-9a-f]+\\.bin\\.${HEX12}\\.tmp$`);
/** download-file: `<dest>.part`, in the export cache and the folders below it. */
const DOWNLOAD_PART = /^.+\.part$/;
/** The command line before this version: a temporary cache folder per run (mkdtemp's six characters). */
const OLD_CLI_TEMP = /^signal-explorer-cli-[A-Za-z0-9]{6}$/;

/** The folders the user saved files to, from history.json (read loosely: any shape with savedPaths). */
async function savedFolders(dataDir: string): Promise<string[]> {
  try {
    const entries: unknown = JSON.parse(await readFile(join(dataDir, 'history.json'), 'utf8'));
    if (!Array.isArray(entries)) return [];
    const paths = entries.flatMap((e: { savedPaths?: unknown }) => (Array.isArray(e?.savedPaths) ? e.savedPaths : []));
    return [...new Set(paths.filter((p): p is string => typeof p === 'string').map((p) => dirname(p)))];
  } catch {
    return [];
  }
}

/** The app (desktop and browser mode) at start-up: its data folder, its cache, and where it saved. */
export async function sweepAppLeftovers(opts: {
  dataDir: string;
  cacheDir: string;
  olderThanMs?: number;
  now?: number;
}): Promise<string[]> {
  const rules: SweepRule[] = [
    { dir: opts.dataDir, pattern: JSON_TEMP },
    { dir: join(opts.dataDir, 'secrets'), pattern: SECRET_TEMP },
    { dir: join(opts.cacheDir, 'exports'), pattern: DOWNLOAD_PART, depth: 4 },
    ...(await savedFolders(opts.dataDir)).map((dir) => ({ dir, pattern: SAVE_TEMP })),
  ];
  return sweepStale(rules, opts);
}

/** The command line at start: beside its output, and the old CLI's folders in the temp folder. */
export function sweepCliLeftovers(opts: { output: string; tempDir?: string; olderThanMs?: number; now?: number }): Promise<string[]> {
  return sweepStale(
    [
      { dir: dirname(opts.output), pattern: SAVE_TEMP },
      { dir: opts.tempDir ?? tmpdir(), pattern: OLD_CLI_TEMP, folders: true },
    ],
    opts,
  );
}
