import { F } from './summary-layout';

/*
 * Blocks fold into coarser blocks in time order, so that every field is what one scan over their
 * rows would give: ties keep the earliest (a min or max, the longest gap), and the pause between
 * two blocks counts as a gap and, when the values differ, as a change. Strings compare by index,
 * which within one chunk's table is comparing values.
 */

export function clearBlock(a: Float64Array, o: number, numeric: boolean): void {
  a[o + F.count] = 0;
  a[o + F.first] = NaN;
  a[o + F.tFirst] = NaN;
  a[o + F.last] = NaN;
  a[o + F.tLast] = NaN;
  a[o + F.gap] = -1;
  a[o + F.gapFrom] = NaN;
  a[o + F.changes] = 0;
  if (!numeric) return;
  a[o + F.min] = Infinity;
  a[o + F.tMin] = NaN;
  a[o + F.max] = -Infinity;
  a[o + F.tMax] = NaN;
  a[o + F.sum] = 0;
  a[o + F.sumLo] = 0;
}

/** Adds x to the compensated sum at a[o + F.sum], a[o + F.sumLo] (Neumaier; infinities left as they are). */
export function addToSum(a: Float64Array, o: number, x: number): void {
  const s = a[o + F.sum]!;
  const t = s + x;
  if (Number.isFinite(t)) a[o + F.sumLo] = a[o + F.sumLo]! + (Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s);
  a[o + F.sum] = t;
}

/** Folds block src[so] (later in time) into dst[do]. */
export function mergeBlock(dst: Float64Array, d: number, src: Float64Array, s: number, numeric: boolean): void {
  const n = src[s + F.count]!;
  if (!n) return;
  if (!dst[d + F.count]) {
    const stride = numeric ? F.sumLo + 1 : F.changes + 1;
    for (let i = 0; i < stride; i++) dst[d + i] = src[s + i]!;
    return;
  }
  const pause = src[s + F.tFirst]! - dst[d + F.tLast]!;
  if (pause > dst[d + F.gap]!) {
    dst[d + F.gap] = pause;
    dst[d + F.gapFrom] = dst[d + F.tLast]!;
  }
  if (src[s + F.gap]! > dst[d + F.gap]!) {
    dst[d + F.gap] = src[s + F.gap]!;
    dst[d + F.gapFrom] = src[s + F.gapFrom]!;
  }
  dst[d + F.changes] = dst[d + F.changes]! + src[s + F.changes]! + (src[s + F.first] !== dst[d + F.last] ? 1 : 0);
  dst[d + F.count] = dst[d + F.count]! + n;
  dst[d + F.last] = src[s + F.last]!;
  dst[d + F.tLast] = src[s + F.tLast]!;
  if (!numeric) return;
  if (src[s + F.min]! < dst[d + F.min]!) {
    dst[d + F.min] = src[s + F.min]!;
    dst[d + F.tMin] = src[s + F.tMin]!;
  }
  if (src[s + F.max]! > dst[d + F.max]!) {
    dst[d + F.max] = src[s + F.max]!;
    dst[d + F.tMax] = src[s + F.tMax]!;
  }
  addToSum(dst, d, src[s + F.sum]!);
  dst[d + F.sumLo] = dst[d + F.sumLo]! + src[s + F.sumLo]!;
}
