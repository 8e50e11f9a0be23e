import { F } from './summary-layout';

/*
 * Blocks fold into coarser blocks in time order, so that every field is what one scan over their
 * rows would give: ties keep the earliest (a min or max), and the pause between two blocks counts
 * as a gap and, when the values differ, as a change. Strings compare by index, which within one
 * chunk's table is comparing values.
 */

export function clearBlock(a: Float64Array, o: number, stride: number): void {
  a[o + F.count] = 0;
  a[o + F.first] = NaN;
  a[o + F.tFirst] = NaN;
  a[o + F.last] = NaN;
  a[o + F.tLast] = NaN;
  a[o + F.gap] = -1;
  a[o + F.min] = Infinity;
  a[o + F.tMin] = NaN;
  a[o + F.max] = -Infinity;
  a[o + F.tMax] = NaN;
  if (stride > F.changes) a[o + F.changes] = 0;
}

/** Folds block src[s] (later in time) into dst[d]; both of `stride` numbers. */
export function mergeBlock(dst: Float64Array, d: number, src: Float64Array, s: number, stride: number): void {
  const n = src[s + F.count]!;
  if (!n) return;
  if (!dst[d + F.count]) {
    for (let i = 0; i < stride; i++) dst[d + i] = src[s + i]!;
    return;
  }
  const pause = src[s + F.tFirst]! - dst[d + F.tLast]!;
  if (pause > dst[d + F.gap]!) dst[d + F.gap] = pause;
  if (src[s + F.gap]! > dst[d + F.gap]!) dst[d + F.gap] = src[s + F.gap]!;
  if (stride > F.changes) dst[d + F.changes] = dst[d + F.changes]! + src[s + F.changes]! + (src[s + F.first] !== dst[d + F.last] ? 1 : 0);
  dst[d + F.count] = dst[d + F.count]! + n;
  dst[d + F.last] = src[s + F.last]!;
  dst[d + F.tLast] = src[s + F.tLast]!;
  if (src[s + F.min]! < dst[d + F.min]!) {
    dst[d + F.min] = src[s + F.min]!;
    dst[d + F.tMin] = src[s + F.tMin]!;
  }
  if (src[s + F.max]! > dst[d + F.max]!) {
    dst[d + F.max] = src[s + F.max]!;
    dst[d + F.tMax] = src[s + F.tMax]!;
  }
}
