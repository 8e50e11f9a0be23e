import { join } from 'node:path';
import type { Format } from '../../../src-preload/contract';
import { AppError } from '../../errors/app-error';
import { joinStore, partDir } from '../../store/joined-store';
import type { IngestResult, IngestTask } from '../worker/worker-protocol';
import type { WorkerPool } from '../worker/worker-pool';

/*
 * A chunk read by columns in both export workers at once, when both are free (an S export's one
 * chunk, a long export's probe, its last chunk): each decodes the timestamps and half the columns
 * (parquet reads only their column chunks) into a store and summary of its own, and the chunk's
 * store.json names the two (store/joined-store.ts). Measured on S parquet before this (10 signals,
 * 86,400 rows): after the file was in, the one worker spent 45-90 ms decoding, summarising and
 * storing it while the other core sat idle. Only a read whose sole sink is the preview and that
 * has no transforms is split (a saved file or an aggregation needs every column in one place), and
 * only parquet (a text file would be parsed whole twice).
 */

type ReadTask = Omit<IngestTask, 'path' | 'format'>;

export interface SplitRead {
  /** The chunk's store folder. */
  dir: string;
  /** The column groups' folders in it, in column order. */
  parts: string[];
  groups: ReadTask[];
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

/** The read as two column groups, or null when it is not one to split (see above) or a worker is busy. */
export function splitByColumns(task: ReadTask, format: Format, idleWorkers: number): SplitRead | null {
  if (format !== 'parquet' || idleWorkers < 2 || task.transforms.length || task.only || task.sinks.length !== 1) return null;
  const sink = task.sinks[0]!;
  const n = task.specs.length;
  if (sink.kind !== 'preview' || n < 2 || sink.columns.length !== n) return null;
  if (task.readFrom !== undefined && task.readFrom !== task.slice.start) return null;
  // Halves: the first group also hashes the file, but that is 1.6 ms for S's 3 MB (with 4 and 6
  // columns, L's last chunk: the second group ended 53 ms after the first).
  const k = Math.floor(n / 2);
  // A string's summary points into its group's string table: text stays in the first group.
  if (sink.columns.slice(k).some((c) => c.kind === 'string')) return null;
  const ranges: [number, number][] = [
    [0, k],
    [k, n],
  ];
  const parts = ranges.map((_, i) => partDir(i));
  return {
    dir: sink.dir,
    parts,
    groups: ranges.map(([a, b], i) => ({
      ...task,
      only: range(a, b),
      sinks: [{ ...sink, dir: join(sink.dir, parts[i]!), columns: sink.columns.slice(a, b) }],
    })),
  };
}

/**
 * Runs the groups of a split read side by side and joins them: the first group's result is the
 * chunk's (its rows, its file's SHA-256), once every group read the same rows. A group that fails
 * stops the others, and its failure is the read's.
 */
export async function readSplit(
  pool: WorkerPool,
  split: SplitRead,
  source: { path: string; format: Format },
  signal: AbortSignal,
  onRows: (rows: number) => void,
): Promise<IngestResult> {
  // Queued now, before any await: the workers are taken as the split was planned (three chunks
  // downloaded at once each found both free when this awaited first).
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal.addEventListener('abort', stop, { once: true });
  try {
    const runs = split.groups.map((g, i) =>
      pool.run(
        { ...g, ...source, ...(i === 0 ? { sha256: true } : {}) },
        { signal: controller.signal, ...(i === 0 ? { onProgress: (p: { rows: number }) => onRows(p.rows) } : {}) },
      ),
    );
    for (const r of runs) r.catch(stop);
    const settled = await Promise.allSettled(runs);
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    if (failures.length) {
      // The group that failed, not the ones stopped because of it.
      throw failures.find((e) => !(e instanceof AppError && e.kind === 'cancelled')) ?? failures[0];
    }
    const [first, ...rest] = settled.map((s) => (s as PromiseFulfilledResult<IngestResult>).value);
    for (const r of rest) {
      if (r.rows !== first!.rows || r.first !== first!.first || r.last !== first!.last) {
        throw new AppError('internal', `The column groups of ${split.dir} were read as different rows (${first!.rows} and ${r.rows}).`);
      }
    }
    await joinStore(split.dir, split.parts);
    return first!;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
