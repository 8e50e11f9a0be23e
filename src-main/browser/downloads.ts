import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import { silentLogger, type Logger } from '../log/logger';

export interface OfferedFile {
  filePath: string;
  fileName: string;
}

export interface DownloadsOptions {
  /** How long an offered file stays downloadable (default 1 h): the window downloads it at once. */
  ttlMs?: number;
  /** At most this many offers are kept; the oldest expires first (default 50). */
  maxOffered?: number;
  /**
   * Files under this folder were made for the download (a conversion): removed when their offer
   * expires. Anything else (the cached download itself) is left alone.
   */
  temporaryDir?: string;
  now?: () => number;
  /** Told of a conversion that could not be removed when its offer expired. */
  log?: Logger;
}

const inside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** Files that browser mode's "Save…" offers as downloads, each under an unguessable id, for a while. */
export function createDownloads(opts: DownloadsOptions = {}) {
  const ttlMs = opts.ttlMs ?? 60 * 60_000;
  const maxOffered = opts.maxOffered ?? 50;
  const now = opts.now ?? Date.now;
  const log = opts.log ?? silentLogger;
  // Insertion order is offer order: the first entries are the oldest.
  const offered = new Map<string, OfferedFile & { at: number }>();
  let removals: Promise<unknown> = Promise.resolve();

  const drop = (id: string) => {
    const file = offered.get(id);
    offered.delete(id);
    if (file && opts.temporaryDir && inside(opts.temporaryDir, file.filePath)) {
      const path = file.filePath;
      // The offer ends either way; a file left behind stays in the cache folder, and the log says which.
      const removal = rm(path, { force: true }).catch((error: unknown) =>
        log.warn('Could not remove an expired download', { path, err: error }),
      );
      removals = Promise.all([removals, removal]);
    }
  };
  const expire = () => {
    const t = now();
    for (const [id, file] of offered) if (t - file.at > ttlMs || offered.size > maxOffered) drop(id);
  };
  // Also without any traffic, so that a conversion nobody fetched does not stay on disk.
  const timer = setInterval(expire, Math.min(ttlMs, 60_000));
  timer.unref();

  return {
    offer(filePath: string, fileName: string): string {
      const id = randomUUID();
      offered.set(id, { filePath, fileName, at: now() });
      expire();
      return `/api/download/${id}`;
    },
    get(id: string): OfferedFile | undefined {
      expire();
      const file = offered.get(id);
      return file && { filePath: file.filePath, fileName: file.fileName };
    },
    /** Resolves once the files of expired offers are removed (tests; shutdown). */
    settled: () => removals.then(() => undefined),
    /** Stops the timer and removes every conversion still offered. */
    close(): Promise<void> {
      clearInterval(timer);
      for (const id of [...offered.keys()]) drop(id);
      return removals.then(() => undefined);
    },
  };
}
export type Downloads = ReturnType<typeof createDownloads>;
