import { cellAt, isNullAt, type Cell } from '../../formats/row-batch';
import { exactSum } from '../../store/testing/table-arbitrary';
import type { PixelGrid } from '../pixel-grid';
import type { ExportOnDisk } from './export-fixture';

/*
 * What the preview answers, computed the slow obvious way from every row of the loaded chunks:
 * the references of the property tests. Written apart from the index on purpose (no summary, no
 * shared accumulator); only the pixel grid's bucketOf is shared (it is the definition of a column).
 */

type Chunk = ExportOnDisk['chunks'][number];

interface Value {
  t: number;
  v: number | string;
  pos: number;
  row: number;
}

/** Loaded chunks in time order, and for each whether the one before it in the window is loaded. */
export function inOrder(loaded: Chunk[]) {
  const chunks = [...loaded].sort((a, b) => a.window.start - b.window.start);
  const follows = chunks.map((c, i) => i > 0 && chunks[i - 1]!.window.end === c.window.start);
  /** No missing chunk between positions p < q. */
  const joined = (p: number, q: number) => follows.slice(p + 1, q + 1).every(Boolean);
  return { chunks, follows, joined };
}

function valuesOf(chunks: Chunk[], c: number): Value[] {
  const out: Value[] = [];
  chunks.forEach((ch, pos) => {
    const data = ch.table.columns[c]!.data;
    for (let row = 0; row < ch.table.rowCount; row++) {
      if (isNullAt(data, row)) continue;
      const cell = cellAt(data, row)!;
      out.push({ t: ch.table.timestamps[row]!, v: typeof cell === 'boolean' ? Number(cell) : cell, pos, row });
    }
  });
  return out;
}

export function referenceUsualSpacing(loaded: Chunk[], c: number): number | null {
  const bins = new Map<number, { n: number; sum: number }>();
  let total = 0;
  const { chunks } = inOrder(loaded);
  const values = valuesOf(chunks, c);
  values.forEach((x, i) => {
    const prev = values[i - 1];
    if (!prev || prev.pos !== x.pos || x.t === prev.t) return;
    const bin = Math.floor(Math.log2(x.t - prev.t) * 8);
    const slot = bins.get(bin) ?? { n: 0, sum: 0 };
    slot.n++;
    slot.sum += x.t - prev.t;
    bins.set(bin, slot);
    total++;
  });
  let seen = 0;
  for (const bin of [...bins.keys()].sort((a, b) => a - b)) {
    seen += bins.get(bin)!.n;
    if (seen * 2 >= total) return bins.get(bin)!.sum / bins.get(bin)!.n;
  }
  return null;
}

/**
 * M4 over raw rows: `bucketOf(chunk, row, t)` gives a row's pixel column. Groups are the values of
 * one column between breaks; lines emit first, min, max, last (earliest on ties) by time, each
 * once; step lanes keep a point only when its value differs from the one shown before, and end
 * each piece on its last value; a break is one null halfway through the pause.
 */
export function referenceSeries(
  loaded: Chunk[],
  c: number,
  grid: PixelGrid,
  threshold: number,
  bucketOf: (chunk: Chunk, row: number, t: number) => number,
): { t: number[]; v: Cell[]; downsampled: boolean; sourcePoints: number } {
  const { chunks, joined } = inOrder(loaded);
  const kind = chunks[0]?.table.columns[c]!.data.kind ?? 'float';
  const values = valuesOf(chunks, c)
    .map((x) => ({ ...x, bucket: bucketOf(chunks[x.pos]!, x.row, x.t) }))
    .filter((x) => x.bucket >= 0 && x.bucket < grid.points);
  const t: number[] = [];
  const v: Cell[] = [];
  let shown: number | string | undefined;
  let shownT = NaN;
  let manyChanges = false;
  const emit = (time: number, value: number | string) => {
    t.push(time);
    v.push(kind === 'boolean' ? value === 1 : value);
    shown = value;
    shownT = time;
  };
  const flush = (group: typeof values) => {
    if (!group.length) return;
    let changes = 0;
    let min = group[0]!;
    let max = group[0]!;
    group.forEach((x, i) => {
      if (i && x.v !== group[i - 1]!.v) changes++;
      if (x.v < min.v) min = x;
      if (x.v > max.v) max = x;
    });
    if (changes > 1) manyChanges = true;
    const picks = kind === 'string' ? [group[0]!, group[group.length - 1]!] : [group[0]!, min, max, group[group.length - 1]!];
    const ordered = picks.map((x, role) => ({ x, role })).sort((a, b) => a.x.t - b.x.t || a.role - b.role);
    ordered.forEach(({ x }, i) => {
      const before = ordered[i - 1]?.x;
      if (before && before.t === x.t && before.v === x.v) return;
      if (kind !== 'float' && shown !== undefined && x.v === shown) return;
      emit(x.t, x.v);
    });
  };
  const endPiece = (last: (typeof values)[number] | undefined) => {
    if (kind !== 'float' && shown !== undefined && last && shownT !== last.t) emit(last.t, shown);
    shown = undefined;
  };
  let group: typeof values = [];
  values.forEach((x, i) => {
    const prev = values[i - 1];
    if (prev && (x.t - prev.t > threshold || !joined(prev.pos, x.pos))) {
      flush(group);
      group = [];
      endPiece(prev);
      t.push((prev.t + x.t) / 2);
      v.push(null);
    } else if (prev && prev.bucket !== x.bucket) {
      flush(group);
      group = [];
    }
    group.push(x);
  });
  flush(group);
  endPiece(values[values.length - 1]);
  const drawn = v.filter((x) => x !== null).length;
  return { t, v, downsampled: kind === 'float' ? drawn < values.length : manyChanges, sourcePoints: values.length };
}

/** Statistics by one scan of every value of the loaded chunks (definitions: PreviewStats). */
export function referenceStats(loaded: Chunk[], c: number, usual: number | null, gapFactor: number) {
  const { chunks, joined } = inOrder(loaded);
  const values = valuesOf(chunks, c);
  const kind = chunks[0]?.table.columns[c]!.data.kind ?? 'float';
  const u = usual ?? 0;
  const threshold = usual === null ? Infinity : gapFactor * usual;
  // The end of the run of adjacent loaded chunks that holds position p.
  const runEnd = (p: number) => {
    let q = p;
    while (q + 1 < chunks.length && joined(q, q + 1)) q++;
    return chunks[q]!.window.end;
  };
  let gap: { ms: number; from: number; to: number } | null = null;
  let covered = 0;
  values.forEach((x, i) => {
    const next = values[i + 1];
    if (next && joined(x.pos, next.pos)) {
      const d = next.t - x.t;
      if (!gap || d > gap.ms) gap = { ms: d, from: x.t, to: next.t };
      covered += d <= threshold ? d : u;
    } else covered += Math.min(u, runEnd(x.pos) - x.t);
  });
  const numeric = kind !== 'string' && values.length > 0;
  const rows = chunks.reduce((n, ch) => n + ch.table.rowCount, 0);
  const loadedMs = chunks.reduce((n, ch) => n + ch.window.end - ch.window.start, 0);
  const nums = values.map((x) => x.v as number);
  return {
    count: values.length,
    nulls: rows - values.length,
    min: numeric ? nums.reduce((a, b) => (b < a ? b : a)) : null,
    max: numeric ? nums.reduce((a, b) => (b > a ? b : a)) : null,
    mean: numeric ? exactSum(nums) / values.length : null,
    firstTimestamp: values[0]?.t ?? null,
    lastTimestamp: values[values.length - 1]?.t ?? null,
    largestGap: gap,
    coverage: loadedMs > 0 ? Math.min(1, covered / loadedMs) : null,
  };
}
