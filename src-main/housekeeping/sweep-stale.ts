import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type Logger } from '../log/logger';

/*
 * Temporary files of ours that a crash or kill -9 left behind, removed at start-up. Only ours: each
 * rule names a folder and the exact name pattern we give such files there, and only stale ones go
 * (nothing in them changed for `olderThanMs`), so that another instance's work in progress is safe.
 * Symbolic links are never followed nor removed.
 */

export interface SweepRule {
  dir: string;
  /** Names (not paths) of our leftovers in `dir`. */
  pattern: RegExp;
  /** Also look this many folder levels below `dir` (for files only; default 0). */
  depth?: number;
  /** What matches is a folder of ours, removed whole (default: files only). */
  folders?: boolean;
}

/** A day: far longer than any save, download or CLI run leaves a temporary file untouched. */
export const STALE_AFTER_MS = 24 * 60 * 60_000;

/** Gone meanwhile, or never there: a folder that does not exist holds no leftovers. */
const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

/** The newest change in a folder (itself and what is inside, a few levels deep). */
async function newestChange(path: string, depth: number): Promise<number> {
  const info = await lstat(path);
  let newest = info.mtimeMs;
  if (!info.isDirectory() || depth <= 0) return newest;
  // Unreadable or gone inside: what can be read decides; the caller keeps the folder when unsure.
  for (const entry of await readdir(path).catch(() => [])) {
    // An entry removed meanwhile has no newer change to tell.
    newest = Math.max(newest, await newestChange(join(path, entry), depth - 1).catch(() => 0));
  }
  return newest;
}

interface Sweep {
  cutoff: number;
  removed: string[];
  log: Logger;
}

async function sweepDir(rule: SweepRule, dir: string, depth: number, sweep: Sweep): Promise<void> {
  const { cutoff, removed, log } = sweep;
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    if (!isMissing(error)) log.warn('Could not look for leftovers in a folder', { dir, err: error });
    return [];
  });
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !(rule.folders && rule.pattern.test(entry.name))) {
      if (depth > 0) await sweepDir(rule, path, depth - 1, sweep);
      continue;
    }
    if (!rule.pattern.test(entry.name)) continue;
    if (rule.folders ? !entry.isDirectory() : !entry.isFile()) continue;
    // Unknown age (gone meanwhile, unreadable): kept, as if it were in use.
    const changed = await newestChange(path, rule.folders ? 3 : 0).catch(() => Infinity);
    if (changed > cutoff) continue;
    await rm(path, { recursive: rule.folders === true, force: true }).then(
      () => removed.push(path),
      (error: unknown) => log.warn('Could not remove a leftover temporary file', { path, err: error }),
    );
  }
}

/** Removes what the rules match and is stale; answers the paths removed. Never throws. */
export async function sweepStale(rules: SweepRule[], opts: { olderThanMs?: number; now?: number; log?: Logger } = {}): Promise<string[]> {
  const log = opts.log ?? silentLogger;
  const sweep: Sweep = { cutoff: (opts.now ?? Date.now()) - (opts.olderThanMs ?? STALE_AFTER_MS), removed: [], log };
  for (const rule of rules) {
    await sweepDir(rule, rule.dir, rule.depth ?? 0, sweep).catch((error: unknown) =>
      log.warn('Could not sweep leftovers', { dir: rule.dir, err: error }),
    );
  }
  if (sweep.removed.length) log.info('Removed temporary files a killed run left', { count: sweep.removed.length });
  return sweep.removed;
}
