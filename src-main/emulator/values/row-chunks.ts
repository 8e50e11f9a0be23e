import type { SignalSamples } from '../catalog/catalog-types';
import { samplerFor } from './value-at';

/*
 * The rows of an output file, in chunks of bounded size: the timestamps are the union of the
 * requested signals' sample times in [start, end) at which at least one of them has a value;
 * every column holds its signal's value there, or null. Columns are typed arrays so writers can
 * hand them to Arrow without copying and memory stays flat however long the window.
 */

/** A half-open window in epoch ms: start inclusive, end exclusive. */
export interface TimeWindow {
  startMs: number;
  endMs: number;
}

export type ColumnChunk =
  | { kind: 'float'; values: Float64Array; valid: Uint8Array; nullCount: number }
  | { kind: 'boolean'; values: Uint8Array; valid: Uint8Array; nullCount: number }
  | { kind: 'text'; values: (string | null)[]; nullCount: number };

export interface RowChunk {
  length: number;
  /** Epoch ms, ascending, unique. */
  timestamps: Float64Array;
  /** One per requested signal, in request order. */
  columns: ColumnChunk[];
}

export const DEFAULT_CHUNK_ROWS = 65_536;

/** The first on-grid, active sample time at or after `t`. */
export function firstSampleAtOrAfter(signal: SignalSamples, t: number): number {
  const from = Math.max(t, signal.originMs, signal.activeFromMs);
  const k = Math.ceil((from - signal.originMs) / signal.periodMs);
  return signal.originMs + k * signal.periodMs;
}

export function* rowChunks(
  signals: SignalSamples[],
  window: TimeWindow,
  chunkRows = DEFAULT_CHUNK_ROWS,
): Generator<RowChunk, void, undefined> {
  const k = signals.length;
  const samplers = signals.map(samplerFor);
  const next = new Float64Array(k);
  const end = new Float64Array(k);
  const period = new Float64Array(k);
  signals.forEach((s, i) => {
    next[i] = firstSampleAtOrAfter(s, window.startMs);
    end[i] = Math.min(window.endMs, s.activeUntilMs);
    period[i] = s.periodMs;
  });

  let chunk = newChunk(signals, chunkRows);
  let row = 0;
  for (;;) {
    // The next row's timestamp: the earliest pending sample of any signal (a k-way merge).
    let t = Number.POSITIVE_INFINITY;
    for (let i = 0; i < k; i++) {
      const n = next[i]!;
      if (n < end[i]! && n < t) t = n;
    }
    if (t === Number.POSITIVE_INFINITY) break;

    let any = false;
    for (let i = 0; i < k; i++) {
      const col = chunk.columns[i]!;
      if (next[i] === t) {
        next[i] = t + period[i]!;
        const v = samplers[i]!(t);
        if (v !== null) {
          setValue(col, row, v);
          any = true;
          continue;
        }
      }
      setNull(col, row);
    }
    // A time at which every requested signal is in a gap is not a row (its cells get overwritten).
    if (!any) continue;
    chunk.timestamps[row] = t;
    if (++row === chunkRows) {
      yield finish(chunk, row);
      chunk = newChunk(signals, chunkRows);
      row = 0;
    }
  }
  if (row > 0) yield finish(chunk, row);
}

function newChunk(signals: SignalSamples[], n: number): RowChunk {
  const columns = signals.map((s): ColumnChunk => {
    switch (s.dataType) {
      case 'float':
        return { kind: 'float', values: new Float64Array(n), valid: new Uint8Array(n), nullCount: 0 };
      case 'boolean':
        return { kind: 'boolean', values: new Uint8Array(n), valid: new Uint8Array(n), nullCount: 0 };
      default:
        return { kind: 'text', values: new Array<string | null>(n).fill(null), nullCount: 0 };
    }
  });
  return { length: 0, timestamps: new Float64Array(n), columns };
}

function setValue(col: ColumnChunk, row: number, v: number | boolean | string): void {
  if (col.kind === 'text') col.values[row] = v as string;
  else {
    col.values[row] = col.kind === 'float' ? (v as number) : v ? 1 : 0;
    col.valid[row] = 1;
  }
}

function setNull(col: ColumnChunk, row: number): void {
  if (col.kind === 'text') col.values[row] = null;
  else {
    col.values[row] = 0;
    col.valid[row] = 0;
  }
}

// Trims the arrays to the rows written and counts nulls once per chunk rather than per cell.
function finish(chunk: RowChunk, length: number): RowChunk {
  const columns = chunk.columns.map((col): ColumnChunk => {
    if (col.kind === 'text') {
      const values = length === col.values.length ? col.values : col.values.slice(0, length);
      let nulls = 0;
      for (const v of values) if (v === null) nulls++;
      return { kind: 'text', values, nullCount: nulls };
    }
    const valid = col.valid.subarray(0, length);
    let nulls = 0;
    for (let i = 0; i < length; i++) nulls += 1 - valid[i]!;
    return col.kind === 'float'
      ? { kind: 'float', values: col.values.subarray(0, length), valid, nullCount: nulls }
      : { kind: 'boolean', values: col.values.subarray(0, length), valid, nullCount: nulls };
  });
  return { length, timestamps: chunk.timestamps.subarray(0, length), columns };
}
