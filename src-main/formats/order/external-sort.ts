import { batchBytes, type RowBatch } from '../row-batch';
import { slicesOf } from '../slice-batch';
import { BatchFiller } from './batch-filler';
import { sortBatch } from './sort-batch';
import { SpillFile, type SpilledBlock } from './spill-file';

/*
 * Batches of a file that is not in time order, put in order with bounded memory: the rows are
 * taken in runs of about `runBytes` (decoded), each run sorted in memory (stably); a file that is
 * one run is then handed out from memory. A larger one has its sorted runs spilled to a temporary
 * file beside the source, then merged (k runs, one block of each in memory, ties to the earlier
 * run: stable across the whole file).
 *
 * Memory: a run is held twice while it is sorted (its rows, and the sorted copy), then one block
 * per run during the merge, plus the output batch. With the default 32 MB runs and 8,192-row
 * blocks that is ~70 MB whatever the file's size (measured in bench/micro/sort-unsorted.ts).
 */

const RUN_BYTES = 32 << 20;
const BLOCK_ROWS = 8192;

export interface SortOptions {
  /** Where the temporary file goes: beside this path. */
  besidePath: string;
  /** Rows per batch handed out. */
  batchRows: number;
  runBytes?: number;
  blockRows?: number;
  signal?: AbortSignal;
  /** Told how many bytes were spilled (0 when the file was sorted in memory). */
  onSpilled?: (bytes: number) => void;
}

/** One batch of the run's batches (they share their columns). */
function concat(batches: RowBatch[]): RowBatch {
  if (batches.length === 1) return batches[0]!;
  const rows = batches.reduce((n, b) => n + b.rowCount, 0);
  const filler = new BatchFiller(batches[0]!.columns, rows);
  for (const b of batches) filler.copy(b, 0, b.rowCount);
  return filler.finish();
}

class RunCursor {
  batch: RowBatch | null = null;
  pos = 0;
  next = 0;
  constructor(readonly blocks: SpilledBlock[]) {}
  get time(): number {
    return this.batch!.timestamps[this.pos]!;
  }
}

/** A binary heap of runs by their next row's time; ties to the earlier run. */
class RunHeap {
  readonly items: number[] = [];
  constructor(private readonly cursors: RunCursor[]) {}
  private less(a: number, b: number): boolean {
    const ta = this.cursors[a]!.time;
    const tb = this.cursors[b]!.time;
    return ta < tb || (ta === tb && a < b);
  }
  push(run: number): void {
    const h = this.items;
    h.push(run);
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): number | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length && last !== undefined) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

export async function* sortBatches(source: AsyncIterable<RowBatch>, o: SortOptions): AsyncGenerator<RowBatch> {
  const runBytes = o.runBytes ?? RUN_BYTES;
  const blockRows = o.blockRows ?? BLOCK_ROWS;
  let spill: SpillFile | null = null;
  const runs: SpilledBlock[][] = [];
  let template: RowBatch['columns'] | null = null;
  let pending: RowBatch[] = [];
  let pendingBytes = 0;
  const spillRun = async () => {
    const sorted = sortBatch(concat(pending));
    pending = [];
    pendingBytes = 0;
    spill ??= await SpillFile.create(o.besidePath);
    const blocks: SpilledBlock[] = [];
    for (const block of slicesOf(sorted, blockRows)) {
      o.signal?.throwIfAborted();
      blocks.push(await spill.write(block));
    }
    runs.push(blocks);
  };
  try {
    for await (const batch of source) {
      if (!batch.rowCount) continue;
      template ??= batch.columns;
      pending.push(batch);
      pendingBytes += batchBytes(batch);
      if (pendingBytes >= runBytes) await spillRun();
    }
    if (!spill) {
      o.onSpilled?.(0);
      if (pending.length) yield* slicesOf(sortBatch(concat(pending)), o.batchRows);
      return;
    }
    if (pending.length) await spillRun();
    const file: SpillFile = spill;
    o.onSpilled?.(file.size);
    const cursors = runs.map((blocks) => new RunCursor(blocks));
    const load = async (c: RunCursor) => {
      c.batch = c.next < c.blocks.length ? await file.read(c.blocks[c.next++]!, template!) : null;
      c.pos = 0;
      return c.batch !== null;
    };
    const heap = new RunHeap(cursors);
    for (let r = 0; r < cursors.length; r++) if (await load(cursors[r]!)) heap.push(r);
    const out = new BatchFiller(template!, o.batchRows);
    for (let r = heap.pop(); r !== undefined; r = heap.pop()) {
      o.signal?.throwIfAborted();
      const c = cursors[r]!;
      // This run's rows go out while they come before the next run's first row (ties to the earlier run).
      const other = heap.items[0];
      const bound = other === undefined ? Number.POSITIVE_INFINITY : cursors[other]!.time;
      const tieOk = other === undefined || r < other;
      const ts = c.batch!.timestamps;
      let end = c.pos + 1;
      const limit = Math.min(c.batch!.rowCount, c.pos + out.room);
      while (end < limit && (ts[end]! < bound || (tieOk && ts[end] === bound))) end++;
      out.copy(c.batch!, c.pos, end);
      c.pos = end;
      if (out.room === 0) yield out.finish();
      if (c.pos < c.batch!.rowCount || (await load(c))) heap.push(r);
    }
    if (out.n > 0) yield out.finish();
  } finally {
    await (spill as SpillFile | null)?.close();
  }
}
