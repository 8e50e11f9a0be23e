import { F, T, TOTALS_STRIDE } from '../store/summary-layout';
import type { ChunkSet } from './chunk-set';
import { chunkGaps, topBlock } from './chunk-gaps';
import type { PreviewColumn, PreviewStats } from './preview-types';
import { timeSlicer } from './time-slice';

/*
 * Statistics of every column from the top block of each chunk's summary, chunks in time order:
 * exact counts, min and max (the earliest on ties), first and last times, the longest pause
 * (between chunks too, where both are loaded and adjacent), a mean from compensated sums (closer to
 * the true mean than a plain running sum over the rows). Coverage also needs the pauses over the
 * break threshold inside each chunk: see chunkGaps. See PreviewStats for the definitions.
 */

export async function indexStats(set: ChunkSet, columns: readonly PreviewColumn[], gapFactor: number): Promise<PreviewStats[]> {
  const pause = timeSlicer();
  const loadedMs = set.list.reduce((n, c) => n + (c.window.end - c.window.start), 0);
  const out: PreviewStats[] = [];
  for (const [c, col] of columns.entries()) {
    const wait = pause();
    if (wait) await wait;
    const numeric = col.kind !== 'string';
    const usual = set.usualSpacing(c);
    const u = usual ?? 0;
    const threshold = usual === null ? Infinity : gapFactor * usual;
    let count = 0;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    let sumLo = 0;
    let first: number | null = null;
    let lastTimestamp: number | null = null;
    let last = NaN;
    let gap = { ms: -1, from: 0, to: 0 };
    let covered = 0;
    let runEnd = NaN;
    for (const chunk of set.list) {
      if (!chunk.followsPrevious) {
        if (last === last) covered += Math.min(u, runEnd - last);
        last = NaN;
      }
      runEnd = chunk.window.end;
      const top = topBlock(chunk.summary, c);
      if (!top || !top.a[F.count]) continue;
      const { a, o } = top;
      const tFirst = a[o + F.tFirst]!;
      const tLast = a[o + F.tLast]!;
      if (last === last) {
        const between = tFirst - last;
        if (between > gap.ms) gap = { ms: between, from: last, to: tFirst };
        covered += between <= threshold ? between : u;
      }
      const totals = chunk.summary.totals;
      const t0 = c * TOTALS_STRIDE;
      if (a[o + F.gap]! > gap.ms) gap = { ms: a[o + F.gap]!, from: totals[t0 + T.gapFrom]!, to: totals[t0 + T.gapFrom]! + a[o + F.gap]! };
      const inside = await chunkGaps(set, chunk, c, threshold);
      covered += tLast - tFirst - inside.ms + u * inside.count;
      first ??= tFirst;
      last = lastTimestamp = tLast;
      count += a[o + F.count]!;
      if (numeric) {
        if (a[o + F.min]! < min) min = a[o + F.min]!;
        if (a[o + F.max]! > max) max = a[o + F.max]!;
        const s = totals[t0 + T.sum]!;
        const t = sum + s;
        if (Number.isFinite(t)) sumLo += Math.abs(sum) >= Math.abs(s) ? sum - t + s : s - t + sum;
        sum = t;
        sumLo += totals[t0 + T.sumLo]!;
      }
    }
    if (last === last) covered += Math.min(u, runEnd - last);
    const any = count > 0;
    out.push({
      column: col.name,
      count,
      nulls: set.rows - count,
      min: numeric && any ? min : null,
      max: numeric && any ? max : null,
      mean: numeric && any ? (Number.isFinite(sum) ? sum + sumLo : sum) / count : null,
      firstTimestamp: first,
      lastTimestamp,
      largestGap: gap.ms >= 0 ? gap : null,
      coverage: loadedMs > 0 ? Math.min(1, covered / loadedMs) : null,
      usualSpacingMs: usual,
    });
  }
  return out;
}
