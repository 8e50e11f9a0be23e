import type { Series } from '../../../../src-preload/contract';

/** A chart of the preview: floats sharing a physical unit on one y-axis, or one step lane per other signal. */
export type ChartGroup =
  { kind: 'lines'; key: string; unit: string; series: Series[] } | { kind: 'steps'; key: string; series: Series; categories: string[] };

/** Groups series for drawing: one chart per physical unit for floats (one y-axis each), a lane per boolean/string. */
export function groupSeries(series: readonly Series[]): ChartGroup[] {
  const lines = new Map<string, Series[]>();
  const lanes: ChartGroup[] = [];
  for (const s of series) {
    if (s.shape === 'line') {
      const list = lines.get(s.physicalUnit) ?? [];
      list.push(s);
      lines.set(s.physicalUnit, list);
    } else {
      lanes.push({ kind: 'steps', key: `steps:${s.column}`, series: s, categories: categoriesOf(s) });
    }
  }
  const groups: ChartGroup[] = [...lines].map(([unit, list]) => ({ kind: 'lines', key: `unit:${unit}`, unit, series: list }));
  return [...groups, ...lanes];
}

/** The distinct values of a step series, in a stable order (booleans: false below true). */
export function categoriesOf(s: Series): string[] {
  if (s.dataType === 'boolean') return ['false', 'true'];
  const seen = new Set<string>();
  for (const v of s.v) if (v !== null) seen.add(String(v));
  return [...seen].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/** A series as drawn: times and numbers (a lane's states as category indexes). */
export interface Drawable {
  column: string;
  t: number[];
  v: (number | null)[];
}

/**
 * A series as the chart draws it. A line is drawn exactly as the main process sent it: a null
 * there is a real gap in the source (it decides breaks from the raw rows; downsampled points are
 * irregular by construction, so the window never infers one). A step lane holds its value until
 * the next change: its nulls are rows where only other signals have a value, and are dropped; its
 * values become category indexes.
 */
export function drawable(s: Series, categories?: readonly string[]): Drawable {
  if (s.shape === 'line' || !categories) {
    const v = s.v instanceof Float64Array ? Array.from(s.v, (x) => (x !== x ? null : x)) : s.v.map(asNumber);
    return { column: s.column, t: Array.from(s.t), v };
  }
  const index = new Map(categories.map((c, i) => [c, i]));
  const t: number[] = [];
  const v: number[] = [];
  s.v.forEach((raw, i) => {
    const k = raw === null ? undefined : index.get(String(raw));
    if (k === undefined) return;
    t.push(s.t[i]!);
    v.push(k);
  });
  return { column: s.column, t, v };
}

const asNumber = (x: number | string | boolean | null): number | null => {
  const n = x === null ? NaN : typeof x === 'number' ? x : Number(x);
  return n !== n ? null : n;
};

/** Range after zooming in or out around the middle by `factor` (0.5 = in, 2 = out), kept inside `full`. */
export function zoomRange(range: { start: number; end: number }, factor: number, full: { start: number; end: number }) {
  const mid = (range.start + range.end) / 2;
  const half = Math.max(((range.end - range.start) * factor) / 2, 500);
  let start = Math.round(mid - half);
  let end = Math.round(mid + half);
  if (start < full.start) [start, end] = [full.start, Math.min(full.end, end + (full.start - start))];
  if (end > full.end) [start, end] = [Math.max(full.start, start - (end - full.end)), full.end];
  return { start, end };
}

/** Range moved by `fraction` of its span (negative: earlier), kept inside `full`, its span unchanged. */
export function panRange(range: { start: number; end: number }, fraction: number, full: { start: number; end: number }) {
  const span = range.end - range.start;
  const shift = Math.round(span * fraction);
  const start = Math.min(Math.max(range.start + shift, full.start), Math.max(full.end - span, full.start));
  return { start, end: start + span };
}

/**
 * A signal's value under the cursor at `t`: for a step lane, the state then; for a line, the
 * nearer of the two points around `t`, or null inside a gap. Undefined outside the signal's data.
 */
export function valueAtCursor(d: Drawable, t: number, steps: boolean): number | null | undefined {
  // The first point after t.
  let lo = 0;
  let hi = d.t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (d.t[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  const before = lo - 1;
  if (before < 0) return undefined;
  if (steps || d.t[before] === t) return d.v[before];
  if (lo >= d.t.length) return undefined;
  const a = d.v[before];
  const b = d.v[lo];
  if (a === null || b === null || a === undefined || b === undefined) return null;
  return t - d.t[before]! <= d.t[lo]! - t ? a : b;
}

/** Values actually drawn (gaps are sent as nulls to break the line, and are not points). */
export function drawnPoints(s: Series): number {
  let n = 0;
  for (const v of s.v) if (v !== null && v === v) n++;
  return n;
}

/** Whether the chart must say it shows fewer points than the data has. */
export const isThinned = (s: Series) => s.downsampled && drawnPoints(s) < s.sourcePoints;

/** Lanes with more states than this show no state names on their axis (they would not fit). */
export const MAX_LABELLED_STATES = 12;
