import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { sweepStale, type SweepRule } from './sweep-stale';
import type { Logger } from '../log/logger';

/*
 * Where each part of the app leaves temporary files, and under which names. A new kind of
 * temporary file gets its rule here.
 */

const HEX12 = '[0-9a-f]{12}';
/** atomic-save and the output-folder check: `.NAME.<hex>.tmp` beside the saved file. */
export const SAVE_TEMP = new RegExp(`^\\..+\\.${HEX12}\\.tmp$`);
/** storage/json-file (settings, history, connections, selections, window state): `NAME.json.<hex>.tmp`. */
const JSON_TEMP = new RegExp(`^.+\\.json\\.${HEX12}\\.tmp$`);
/** storage/file-lock: the holder written before it is linked to `NAME.lock`, `NAME.lock.<hex>.tmp`. */
const LOCK_TEMP = new RegExp(`^.+\\.lock\\.${HEX12}\\.tmp$`);
/** electron/secret-store: `<hex id>.bin.<hex>.tmp`. */
const SECRET_TEMP = new RegExp(`^[0-9a-f]+\\.bin\\.${HEX12}\\.tmp$`);
/** dataset-sink: a day's part being written, `.part-NAME.<hex>.tmp`, in a dataset's `date=…` folders. */
const DATASET_PART_TEMP = /^\.part-.+\.[0-9a-f]{8}\.tmp$/;
/** download-file: `<dest>.part`, in the export cache and the folders below it. */
const DOWNLOAD_PART = /^.+\.part$/;
/** The command line before this version: a temporary cache folder per run (mkdtemp's six characters). */
const OLD_CLI_TEMP = /^signal-explorer-cli-[A-Za-z0-9]{6}$/;
/** `plan`: the session's scratch folder for its probe chunks (exports/session/work-folder.ts; mkdtemp's six characters). */
const PLAN_TEMP = /^signal-explorer-plan-[A-Za-z0-9]{6}$/;

/** What the user saved (files and dataset folders), from history.json (read loosely: any shape with savedPaths). */
async function savedPaths(dataDir: string): Promise<string[]> {
  try {
    const entries: unknown = JSON.parse(await readFile(join(dataDir, 'history.json'), 'utf8'));
    if (!Array.isArray(entries)) return [];
    const paths = entries.flatMap((e: { savedPaths?: unknown }) => (Array.isArray(e?.savedPaths) ? e.savedPaths : []));
    return [...new Set(paths.filter((p): p is string => typeof p === 'string'))];
  } catch {
    // No history yet, or one History itself reports as damaged: no saved folders to sweep beside.
    return [];
  }
}

/** The app (desktop and browser mode) at start-up: its data folder, its cache, and where it saved. */
export async function sweepAppLeftovers(opts: {
  dataDir: string;
  cacheDir: string;
  olderThanMs?: number;
  now?: number;
  log?: Logger;
}): Promise<string[]> {
  const rules: SweepRule[] = [
    { dir: opts.dataDir, pattern: JSON_TEMP },
    { dir: opts.dataDir, pattern: LOCK_TEMP },
    { dir: join(opts.dataDir, 'secrets'), pattern: SECRET_TEMP },
    { dir: join(opts.cacheDir, 'exports'), pattern: DOWNLOAD_PART, depth: 4 },
    // A job folder's manifest, written atomically like the files above.
    { dir: join(opts.cacheDir, 'exports'), pattern: JSON_TEMP, depth: 1 },
  ];
  for (const path of await savedPaths(opts.dataDir)) {
    rules.push({ dir: dirname(path), pattern: SAVE_TEMP });
    // A dataset folder's days (nothing is found when the path is a file).
    rules.push({ dir: path, pattern: DATASET_PART_TEMP, depth: 1 });
  }
  return sweepStale(rules, opts);
}

/**
 * The command line at start: beside its output, inside it (a dataset folder's days), its parts
 * folders' manifests (never the folders: --resume needs them), and the temp folders of `plan` and of the old CLI.
 */
export async function sweepCliLeftovers(opts: {
  output: string;
  tempDir?: string;
  olderThanMs?: number;
  now?: number;
  log?: Logger;
}): Promise<string[]> {
  const folder = dirname(opts.output);
  const name = basename(opts.output);
  // The session's partsDir (exports/session/work-folder.ts): `.NAME.parts`, or `.NAME.shard-I-of-N.parts`.
  // The output folder is checked right after this (checkOutputFolder): its failure is told there.
  const parts = (await readdir(folder).catch(() => [] as string[])).filter(
    (f) => f === `.${name}.parts` || (f.startsWith(`.${name}.shard-`) && /\.shard-\d+-of-\d+\.parts$/.test(f)),
  );
  return sweepStale(
    [
      { dir: folder, pattern: SAVE_TEMP },
      { dir: opts.output, pattern: DATASET_PART_TEMP, depth: 1 },
      ...parts.map((f) => ({ dir: join(folder, f), pattern: JSON_TEMP })),
      { dir: opts.tempDir ?? tmpdir(), pattern: OLD_CLI_TEMP, folders: true },
      { dir: opts.tempDir ?? tmpdir(), pattern: PLAN_TEMP, folders: true },
    ],
    opts,
  );
}
