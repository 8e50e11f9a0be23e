import type { ChunkSummary } from './summary-layout';

/*
 * The summaries of one chunk's column groups (a read split by columns across the workers) as one:
 * the rows are the same, so the blocks are the same; only the columns are put side by side. A
 * string's first and last value are indexes into its group's string table, so only the first
 * group may hold strings (the split keeps string columns there).
 */

export function mergeSummaries(parts: readonly ChunkSummary[]): ChunkSummary {
  const [first, ...rest] = parts;
  if (!first) throw new Error('No summaries to merge.');
  for (const p of rest) {
    const same =
      p.rows === first.rows &&
      p.blockRows === first.blockRows &&
      p.fanout === first.fanout &&
      p.levels.length === first.levels.length &&
      p.levels.every((l, j) => l.blocks === first.levels[j]!.blocks) &&
      sameValues(p.blockStart, first.blockStart) &&
      sameValues(p.blockEnd, first.blockEnd);
    if (!same) throw new Error("The summaries of a chunk's column groups do not cover the same rows.");
    if (p.strings.length) throw new Error("Only the first of a chunk's column groups may hold text.");
  }
  const totals = new Float64Array(parts.reduce((n, p) => n + p.totals.length, 0));
  let at = 0;
  for (const p of parts) {
    totals.set(p.totals, at);
    at += p.totals.length;
  }
  return {
    columns: parts.flatMap((p) => p.columns),
    rows: first.rows,
    blockRows: first.blockRows,
    fanout: first.fanout,
    blockStart: first.blockStart,
    blockEnd: first.blockEnd,
    levels: first.levels.map((l, j) => ({ blocks: l.blocks, data: parts.flatMap((p) => p.levels[j]!.data) })),
    totals,
    strings: first.strings,
    spacing: parts.flatMap((p) => p.spacing),
    splits: parts.flatMap((p) => p.splits),
  };
}

/** Equal element by element (NaN equals NaN: a block's times are never NaN, but no surprise if so). */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(a[i] !== a[i] && b[i] !== b[i])) return false;
  return true;
}
