import { join } from 'node:path';
import { z } from 'zod';
import { ExportRequest, Slice } from '../../../src-preload/contract';
import { AppError } from '../../errors/app-error';
import { serialized } from '../../storage/json-file';
import { journalWriter, readJournaled } from './manifest-journal';

/*
 * The manifest of an export: its request, its plan and every chunk's state, in the job's folder,
 * kept on disk after every change (a snapshot and a journal of the chunks changed since: manifest-journal.ts). Whatever stops an export (cancel, a crash, kill -9, a
 * closed laptop), the manifest says which chunks are done, so Resume asks Nortech only for the rest.
 */

export const ChunkState = z.enum([
  'pending', // to be asked for
  'requested', // Nortech prepared it (requestIds); not yet downloaded
  'downloaded', // its file is in the job's folder, verified (bytes; parquet: its footer)
  'done', // read: its rows are in the job's store / segment
]);
export type ChunkState = z.infer<typeof ChunkState>;

/**
 * A file an output made of a chunk, as it was when written: in the work folder (a segment, a
 * store's file, by its path inside the folder) or in the dataset's storage (by its key). A resume
 * reuses the chunk only if every part still has these bytes and this SHA-256 (session/reuse.ts).
 */
export const ChunkPart = z.object({
  where: z.enum(['work', 'dataset']),
  file: z.string().max(1024),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ChunkPart = z.infer<typeof ChunkPart>;

export const ChunkRecord = Slice.extend({
  /** Stable name: the plan's index, `-0`/`-1` appended when the chunk was halved. Names its files. */
  name: z.string().regex(/^\d{4,}(-[01])*$/),
  state: ChunkState,
  /** Every data request made for it (one, unless it timed out or its link expired). */
  requestIds: z.array(z.number().int()).max(100),
  /** Its file; the SHA-256 is taken while the file is read, so it is there once the chunk is done. */
  download: z.object({ file: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string().optional() }).optional(),
  /** Rows it holds (after aggregation); 0 when Nortech had no data in it. */
  rows: z.number().int().nonnegative().optional(),
  /** Rows Nortech delivered in its slice: its raw rows when the export is aggregated. */
  sourceRows: z.number().int().nonnegative().optional(),
  first: z.number().nullable().optional(),
  last: z.number().nullable().optional(),
  /**
   * What its outputs hold of it, recorded with `done` (empty: no rows, nothing written). A done
   * chunk without it (an older version's, or a hand-edited manifest) is not trusted: asked for again.
   */
  parts: z.array(ChunkPart).max(10_000).optional(),
  /** Rows whose timestamp repeats the row's before (kept, in the order received). */
  duplicates: z.number().int().nonnegative().optional(),
  /** False when Nortech's file was out of time order (sorted as it was read): its download is no piece of a file as it is. */
  sorted: z.boolean().optional(),
});
export type ChunkRecord = z.infer<typeof ChunkRecord>;

export const Manifest = z.object({
  kind: z.literal('signal-explorer-export-manifest'),
  version: z.literal(1),
  jobId: z.string().max(64),
  createdAt: z.number(),
  request: ExportRequest,
  apiUrl: z.string().max(2048).nullable(),
  /** Rows seen over how much window: sizes the chunks still to plan. */
  measured: z.object({ rows: z.number().int().nonnegative(), ms: z.number().nonnegative() }),
  /** False while the window's end is not yet covered by chunks (the probe has not answered). */
  planned: z.boolean(),
  /** Sorted by start; tiles `[window.start, end of the last chunk)`. */
  chunks: z.array(ChunkRecord).max(100_000),
  /** What the export writes beyond its preview data (the command line's output), to check a resume. */
  target: z.record(z.string(), z.unknown()).optional(),
});
export type Manifest = z.infer<typeof Manifest>;

export const MANIFEST_FILE = 'manifest.json';

export async function readManifest(dir: string): Promise<Manifest | null> {
  try {
    // The snapshot with its journal applied (manifest-journal.ts), then checked as a whole.
    const parsed = Manifest.nullable().safeParse(await readJournaled(dir));
    if (!parsed.success) throw new AppError('file', `${join(dir, MANIFEST_FILE)} is damaged.`);
    return parsed.data;
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError('file', `The export's manifest in ${dir} is damaged.`, { hint: 'Start the export afresh.' });
    throw error;
  }
}

/** The manifest in memory and on disk: every change is written before `update` resolves. */
export interface ManifestStore {
  readonly dir: string;
  get(): Manifest;
  update(change: (m: Manifest) => Manifest): Promise<Manifest>;
  /** Once every update asked for so far is written or failed: before the folder is removed (some are not awaited). */
  settled(): Promise<void>;
}

export function manifestStore(dir: string, initial: Manifest): ManifestStore {
  let current = initial;
  const queue = serialized();
  const write = journalWriter<Manifest>(
    dir,
    changedSince as (prev: readonly { name: string }[], next: readonly { name: string }[]) => number[] | null,
  );
  let last: Promise<unknown> = Promise.resolve();
  return {
    dir,
    get: () => current,
    update: (change) => {
      const done = queue(async () => {
        const next = change(current);
        await write(current, next);
        current = next;
        return next;
      });
      last = done.catch(() => undefined);
      return done;
    },
    settled: () => last.then(() => undefined),
  };
}

/** Replaces the chunk named `name` with `records` (one updated record, or its two halves), keeping order. */
export function replaceChunk(m: Manifest, name: string, ...records: ChunkRecord[]): Manifest {
  const i = m.chunks.findIndex((c) => c.name === name);
  if (i < 0) return m;
  const chunks = [...m.chunks];
  chunks.splice(i, 1, ...records);
  if (records.length === 1) replaced.set(chunks, { from: new WeakRef(m.chunks), index: i });
  return { ...m, chunks };
}

// Which record a chunk list differs by from the list it was made from (replaceChunk's), so that
// the journal and the progress need not compare 100,000 records after every update. Weakly: a
// chain of old lists kept alive would hold 800 KB each at 100,000 chunks.
const replaced = new WeakMap<readonly ChunkRecord[], { from: WeakRef<readonly ChunkRecord[]>; index: number }>();

/**
 * The indices at which `next` differs from `prev` when known without a scan (records replaced in
 * place, a few updates apart); null otherwise (compare them, or count afresh).
 */
export function changedSince(prev: readonly ChunkRecord[], next: readonly ChunkRecord[]): number[] | null {
  const out: number[] = [];
  let at: readonly ChunkRecord[] | undefined = next;
  for (let steps = 0; at && steps < 64; steps++) {
    if (at === prev) return [...new Set(out)];
    const hint = replaced.get(at);
    if (!hint) return null;
    out.push(hint.index);
    at = hint.from.deref();
  }
  return null;
}

export const chunkName = (index: number) => String(index).padStart(4, '0');

/** Where a chunk's download is kept in its export's folder (what its record's `download.file` names). */
export const downloadPath = (dir: string, chunk: Pick<ChunkRecord, 'name'>, format: string) =>
  join(dir, 'chunks', `${chunk.name}.${format}`);

/** The first and last timestamps found in the done chunks of `chunks`; null when none has rows. */
export function timeRangeOf(chunks: readonly ChunkRecord[]): { start: number; end: number } | null {
  // A loop, not Math.min(...): a plan may hold 100,000 chunks, more arguments than a call takes.
  let start = Infinity;
  let end = -Infinity;
  for (const c of chunks) {
    if (c.state !== 'done') continue;
    if (c.first != null) start = Math.min(start, c.first);
    if (c.last != null) end = Math.max(end, c.last);
  }
  return start <= end ? { start, end } : null;
}
