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

export type ChartRow = { t: number } & Record<string, number | null>;

/** A pause this many times the usual spacing between values is drawn as a gap, not bridged. */
export const GAP_FACTOR = 5;

/**
 * One series as chart points `{t, [column]: value}`, each line with its own data: merging series
 * on the union of their timestamps would make recharts walk every series over every row (6 series
 * of 2,400 points become 6 × 14,400 cells). Nulls are rows where this signal has no value (a
 * 1-minute signal beside a 1-second one is null 59 rows in 60), so they are dropped; a real outage
 * shows as a stretch much longer than the usual spacing, and there one null breaks the line.
 * Step series become category indexes.
 */
export function seriesRows(s: Series, categories?: readonly string[]): ChartRow[] {
  const index = categories ? new Map(categories.map((c, i) => [c, i])) : null;
  const points: ChartRow[] = [];
  for (let i = 0; i < s.t.length; i++) {
    const raw = s.v[i];
    if (raw === null || raw === undefined) continue;
    const value = index ? (index.get(String(raw)) ?? null) : typeof raw === 'number' ? raw : Number(raw);
    if (value === null || Number.isNaN(value)) continue;
    points.push({ t: s.t[i]!, [s.column]: value } as ChartRow);
  }
  if (points.length < 3) return points;
  const steps = points
    .slice(1)
    .map((p, i) => p.t - points[i]!.t)
    .sort((x, y) => x - y);
  const usual = steps[Math.floor(steps.length / 2)]!;
  // Step lanes hold a value until it changes: their points are sparse by design, never a gap.
  if (index || usual <= 0) return points;
  const rows: ChartRow[] = [points[0]!];
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1]!;
    const next = points[i]!;
    if (next.t - prev.t > GAP_FACTOR * usual) rows.push({ t: (prev.t + next.t) / 2, [s.column]: null } as ChartRow);
    rows.push(next);
  }
  return rows;
}

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

/** Values actually drawn (gaps are sent as nulls to break the line, and are not points). */
export const drawnPoints = (s: Series) => s.v.reduce<number>((n, v) => (v === null ? n : n + 1), 0);

/** Whether the chart must say it shows fewer points than the data has. */
export const isThinned = (s: Series) => s.downsampled && drawnPoints(s) < s.sourcePoints;

/** Lanes with more states than this show no state names on their axis (they would not fit). */
export const MAX_LABELLED_STATES = 12;
