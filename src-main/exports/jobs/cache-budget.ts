import type { Logger } from '../../log/logger';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * The export cache kept under its size setting: job folders (downloads, stores, summaries) are
 * measured and, past the limit, the oldest go first. Never a job that runs or is open in this
 * session (`pinned`): History shows the others as no longer cached, to be run again.
 */

export interface CacheBudget {
  /** Drops the oldest job folders until the cache fits; answers the IDs dropped. */
  enforce(): Promise<string[]>;
}

export interface CacheBudgetOptions {
  /** The folder of job folders. */
  dir: string;
  limitBytes(): Promise<number>;
  pinned(): Set<string>;
  /** Told of each job whose data was dropped (its history entry stays). */
  dropped(id: string): Promise<void>;
  log?: Logger;
}

async function sizeOf(path: string): Promise<{ bytes: number; newest: number }> {
  let bytes = 0;
  let newest = 0;
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const p = join(path, e.name);
    if (e.isDirectory()) {
      const inner = await sizeOf(p);
      bytes += inner.bytes;
      newest = Math.max(newest, inner.newest);
    } else {
      const s = await stat(p).catch(() => null);
      if (!s) continue;
      bytes += s.size;
      newest = Math.max(newest, s.mtimeMs);
    }
  }
  return { bytes, newest };
}

export function cacheBudget(o: CacheBudgetOptions): CacheBudget {
  let running: Promise<string[]> | null = null;
  const enforce = async () => {
    const limit = await o.limitBytes();
    const jobs = await readdir(o.dir, { withFileTypes: true }).catch(() => []);
    const measured = await Promise.all(
      jobs.filter((j) => j.isDirectory()).map(async (j) => ({ id: j.name, ...(await sizeOf(join(o.dir, j.name))) })),
    );
    let total = measured.reduce((n, j) => n + j.bytes, 0);
    const pinned = o.pinned();
    const dropped: string[] = [];
    for (const job of measured.sort((a, b) => a.newest - b.newest)) {
      if (total <= limit) break;
      if (pinned.has(job.id)) continue;
      await rm(join(o.dir, job.id), { recursive: true, force: true });
      // The data is gone either way; History only shows it as not cached until it reads again.
      await o
        .dropped(job.id)
        .catch((error: unknown) => o.log?.warn('Could not mark a dropped export in History', { jobId: job.id, err: error }));
      total -= job.bytes;
      dropped.push(job.id);
    }
    return dropped;
  };
  return {
    // One pass at a time: a second request while one runs waits for it.
    enforce: () => (running ??= enforce().finally(() => (running = null))),
  };
}
