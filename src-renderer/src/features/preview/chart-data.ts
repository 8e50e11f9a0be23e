import type { Series } from '../../../../src-preload/contract';

/** A chart of the preview: floats sharing a physical unit on one y-axis, or one step lane per other signal. */
export type ChartGroup =
  | { kind: 'lines'; key: string; unit: string; series: Series[] }
  | { kind: 'steps'; key: string; series: Series; categories: string[] };

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

/**
 * Rows for one chart: the union of the series' timestamps, each series' value or null where it has
 * none (lines connect across them). Step series become category indexes.
 */
export function chartRows(series: readonly Series[], categories?: readonly string[]): ChartRow[] {
  const byT = new Map<number, ChartRow>();
  const index = categories ? new Map(categories.map((c, i) => [c, i])) : null;
  for (const s of series) {
    for (let i = 0; i < s.t.length; i++) {
      const t = s.t[i]!;
      const raw = s.v[i];
      let value: number | null;
      if (raw === null || raw === undefined) value = null;
      else if (index) value = index.get(String(raw)) ?? null;
      else value = typeof raw === 'number' ? raw : Number(raw);
      let row = byT.get(t);
      if (!row) {
        row = { t } as ChartRow;
        byT.set(t, row);
      }
      row[s.column] = value;
    }
  }
  const rows = [...byT.values()].sort((a, b) => a.t - b.t);
  // Every row names every series, so recharts sees a gap (null) rather than a missing key.
  for (const row of rows) for (const s of series) if (!(s.column in row)) row[s.column] = null;
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
