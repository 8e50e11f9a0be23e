import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { HistoryEntry, type JobStatus } from '../../src-preload/contract';
import { readJsonFile, serialized, writeJsonFile } from '../storage/json-file';

/*
 * Past exports in `history.json` in the user data folder (written atomically): each job's request,
 * timing, outcome and saved paths, plus where its downloaded file sits in the cache. Only the
 * newest `keepCached` files stay cached; older entries keep their record and can be re-run.
 */

const StoredEntry = HistoryEntry.omit({ cached: true }).extend({ cacheFile: z.string().nullable() });
type StoredEntry = z.infer<typeof StoredEntry>;
const StoredHistory = z.array(StoredEntry);

export interface HistoryOptions {
  dataDir: string;
  maxEntries?: number;
  keepCached?: number;
}

const outcomeOf = (stage: JobStatus['stage']): HistoryEntry['outcome'] =>
  stage === 'ready' || stage === 'failed' || stage === 'cancelled' ? stage : 'running';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

export function createHistory(opts: HistoryOptions) {
  const file = join(opts.dataDir, 'history.json');
  const queue = serialized();
  const sessionStart = Date.now();
  const load = async () => {
    const entries = await readJsonFile(file, StoredHistory, []);
    // An entry still "running" from an earlier session was interrupted when the app closed.
    return entries.map((e): StoredEntry =>
      e.outcome === 'running' && e.startedAt < sessionStart
        ? {
            ...e,
            outcome: 'failed',
            finishedAt: e.finishedAt ?? e.startedAt,
            error: { kind: 'cancelled', message: 'The app closed before this export finished.' },
          }
        : e,
    );
  };

  /** Applies a change, trims old entries and old cached files, and writes the file. */
  const change = (edit: (entries: StoredEntry[]) => StoredEntry[]) =>
    queue(async () => {
      let entries = edit(await load()).sort((a, b) => b.startedAt - a.startedAt);
      const dropped = entries.slice(opts.maxEntries ?? 200);
      entries = entries.slice(0, opts.maxEntries ?? 200);
      const uncache = [...dropped, ...entries.filter((e) => e.cacheFile).slice(opts.keepCached ?? 20)];
      for (const e of uncache) if (e.cacheFile) await rm(e.cacheFile, { force: true }).catch(() => undefined);
      entries = entries.map((e) => (uncache.includes(e) ? { ...e, cacheFile: null } : e));
      await writeJsonFile(file, entries);
      return entries;
    });

  const view = async (e: StoredEntry): Promise<HistoryEntry> => {
    const { cacheFile, ...rest } = e;
    return { ...rest, cached: cacheFile !== null && (await exists(cacheFile)) };
  };

  return {
    async list(): Promise<HistoryEntry[]> {
      const entries = (await load()).sort((a, b) => b.startedAt - a.startedAt);
      return Promise.all(entries.map(view));
    },

    async get(id: string): Promise<StoredEntry | undefined> {
      return (await load()).find((e) => e.id === id);
    },

    /** Adds or updates the entry of a job. */
    async record(status: JobStatus, cacheFile: string | null): Promise<void> {
      await change((entries) => {
        const old = entries.find((e) => e.id === status.jobId);
        const outcome = outcomeOf(status.stage);
        const entry: StoredEntry = {
          id: status.jobId,
          request: status.request,
          startedAt: status.startedAt,
          finishedAt: outcome === 'running' ? null : status.updatedAt,
          outcome,
          ...(status.requestId !== undefined ? { requestId: status.requestId } : {}),
          ...(status.error ? { error: status.error } : {}),
          ...(status.result ? { rowCount: status.result.rowCount, fileBytes: status.result.fileBytes } : {}),
          savedPaths: old?.savedPaths ?? [],
          cacheFile,
        };
        return [entry, ...entries.filter((e) => e.id !== status.jobId)];
      });
    },

    async addSavedPath(id: string, path: string): Promise<void> {
      await change((entries) =>
        entries.map((e) => (e.id === id && !e.savedPaths.includes(path) ? { ...e, savedPaths: [...e.savedPaths, path] } : e)),
      );
    },

    /** Forgets an entry and deletes its cached file. */
    async remove(id: string): Promise<boolean> {
      let found = false;
      await change((entries) => {
        const entry = entries.find((e) => e.id === id);
        found = entry !== undefined;
        if (entry?.cacheFile) void rm(entry.cacheFile, { force: true }).catch(() => undefined);
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
