import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { HistoryEntry, type JobStatus } from '../../src-preload/contract';
import { readJsonFile, serialized, writeJsonFile } from '../storage/json-file';
import { silentLogger, type Logger } from '../log/logger';

/*
 * Past exports in `history.json` in the user data folder (written atomically): each job's request,
 * timing, outcome, chunks and saved paths, plus the folder in the cache that holds its data (its
 * manifest, downloads, stores and summaries). An entry still "running" from an earlier session was
 * interrupted (the app closed or crashed): its folder lets Resume go on. Cached data is bounded by
 * the export cache (its size setting), which drops the oldest folders first.
 */

const StoredEntry = HistoryEntry.omit({ cached: true, resumable: true }).extend({ dir: z.string().max(4096).nullable() });
type StoredEntry = z.infer<typeof StoredEntry>;
/** Read leniently: an entry this version cannot read (damaged, or from a newer one) is kept as it is, not lost. */
const StoredHistory = z.array(z.unknown()).max(10_000);

export interface HistoryOptions {
  dataDir: string;
  maxEntries?: number;
  /** Told of a job's folder that could not be removed (it stays in the cache until removed by hand). */
  log?: Logger;
}

export type HistoryRecord = StoredEntry;

const outcomeOf = (stage: JobStatus['stage']): HistoryEntry['outcome'] => (stage === 'running' ? 'running' : stage);
/** Any failure to stat (gone, unreadable) means the data cannot be reopened: not there. */
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

export function createHistory(opts: HistoryOptions) {
  const file = join(opts.dataDir, 'history.json');
  const queue = serialized(file);
  const sessionStart = Date.now();
  const log = opts.log ?? silentLogger;
  // The entry goes either way: a folder left behind only takes disk space, and the log says where.
  const removeDir = (dir: string) =>
    rm(dir, { recursive: true, force: true }).catch((error: unknown) =>
      log.warn("Could not remove a past export's data", { dir, err: error }),
    );
  /** The entries, and those that do not parse (written back untouched after the others). */
  const read = async () => {
    const entries: StoredEntry[] = [];
    const unreadable: unknown[] = [];
    for (const raw of await readJsonFile(file, StoredHistory, [])) {
      const e = StoredEntry.safeParse(raw);
      if (!e.success) unreadable.push(raw);
      else if (e.data.outcome === 'running' && e.data.startedAt < sessionStart) entries.push({ ...e.data, outcome: 'interrupted' });
      else entries.push(e.data);
    }
    return { entries, unreadable };
  };
  // The last change queued: a read waits for it, so this process reads its own writes even when
  // the writer did not wait (Save… tells History of a saved path without waiting for its fsync).
  let written: Promise<unknown> = Promise.resolve();
  const load = async () => {
    await written;
    return (await read()).entries;
  };

  /** Applies a change, trims old entries (and their data), and writes the file. */
  const queued = (edit: (entries: StoredEntry[]) => StoredEntry[]) =>
    queue(async () => {
      const { entries: before, unreadable } = await read();
      let entries = edit(before).sort((a, b) => b.startedAt - a.startedAt);
      const dropped = entries.slice(opts.maxEntries ?? 200);
      entries = entries.slice(0, opts.maxEntries ?? 200);
      for (const e of dropped) if (e.dir) await removeDir(e.dir);
      await writeJsonFile(file, [...entries, ...unreadable]);
      return entries;
    });

  /** A change queued, remembered as the last for reads. */
  const change = (edit: (entries: StoredEntry[]) => StoredEntry[]) => {
    const next = queued(edit);
    written = next.catch(() => undefined);
    return next;
  };

  const view = async (e: StoredEntry): Promise<HistoryEntry> => {
    const { dir, ...rest } = e;
    const kept = dir !== null && (await exists(join(dir, 'manifest.json')));
    return {
      ...rest,
      cached: kept && e.outcome === 'ready',
      resumable: kept && ['cancelled', 'failed', 'interrupted'].includes(e.outcome),
    };
  };

  return {
    async list(): Promise<HistoryEntry[]> {
      const entries = (await load()).sort((a, b) => b.startedAt - a.startedAt);
      return Promise.all(entries.map(view));
    },
    async get(id: string): Promise<HistoryRecord | undefined> {
      return (await load()).find((e) => e.id === id);
    },
    /** Adds or updates the entry of a job. */
    async record(status: JobStatus, dir: string | null): Promise<void> {
      await change((entries) => {
        const old = entries.find((e) => e.id === status.jobId);
        const outcome = outcomeOf(status.stage);
        const entry: StoredEntry = {
          id: status.jobId,
          request: status.request,
          startedAt: status.startedAt,
          finishedAt: outcome === 'running' ? null : status.updatedAt,
          outcome,
          requestIds: status.result?.requestIds ?? old?.requestIds ?? [],
          chunks: { done: status.progress.chunksDone, total: status.progress.chunksTotal },
          ...(status.error ? { error: status.error } : {}),
          ...(status.result ? { rowCount: status.result.rowCount, fileBytes: status.result.fileBytes } : {}),
          savedPaths: old?.savedPaths ?? [],
          dir,
        };
        return [entry, ...entries.filter((e) => e.id !== status.jobId)];
      });
    },
    async addSavedPath(id: string, path: string): Promise<void> {
      await change((entries) =>
        entries.map((e) => (e.id === id && !e.savedPaths.includes(path) ? { ...e, savedPaths: [...e.savedPaths, path].slice(-100) } : e)),
      );
    },
    /** The cache dropped a job's data: its entry stays, to be run again. */
    async uncache(id: string): Promise<void> {
      await change((entries) => entries.map((e) => (e.id === id ? { ...e, dir: null } : e)));
    },
    /** Forgets an entry and deletes its data. */
    async remove(id: string): Promise<boolean> {
      let found = false;
      await change((entries) => {
        const entry = entries.find((e) => e.id === id);
        found = entry !== undefined;
        if (entry?.dir) void removeDir(entry.dir);
        return entries.filter((e) => e.id !== id);
      });
      return found;
    },
    /** Whether this app saved a file at this path (only those may be shown in the file manager). */
    async isSavedPath(path: string): Promise<boolean> {
      return (await load()).some((e) => e.savedPaths.includes(path));
    },
  };
}
export type History = ReturnType<typeof createHistory>;
