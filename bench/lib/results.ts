/*
 * One row of `bench/results.json` (the schema), built from the runs of one case. Times in
 * milliseconds; `floor_ms` and `ratio` only where a floor applies, `peak_rss_mb` only where memory
 * was measured. `note` is for the printed table and RESULTS.md only (MB/s, stage breakdown).
 */

export interface ResultRow {
  name: string;
  median_ms: number | null;
  min_ms: number | null;
  max_ms: number | null;
  floor_ms: number | null;
  ratio: number | null;
  peak_rss_mb: number | null;
}

export interface BenchRow extends ResultRow {
  runs: number;
  note: string;
  /** For the goals: throughput of a save, and the peak of the first of several runs. */
  mbPerSec?: number;
  firstPeakMb?: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round = (x: number, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);

/** A row from per-run times; `floorMs` (a median itself) makes the ratio median / floor. */
export function timedRow(
  name: string,
  times: readonly number[],
  extra: { floorMs?: number; peakRssMb?: number; note?: string } = {},
): BenchRow {
  const med = median(times);
  const floor = extra.floorMs;
  return {
    name,
    median_ms: round(med),
    min_ms: round(Math.min(...times)),
    max_ms: round(Math.max(...times)),
    floor_ms: floor === undefined ? null : round(floor),
    ratio: floor === undefined || floor <= 0 ? null : round(med / floor, 2),
    peak_rss_mb: extra.peakRssMb === undefined ? null : round(extra.peakRssMb, 0),
    runs: times.length,
    note: extra.note ?? '',
  };
}

/** A memory-only row: the peak RSS of one process over a case's runs. */
export function memoryRow(name: string, peakRssMb: number, note = '', firstPeakMb?: number): BenchRow {
  return {
    name,
    median_ms: null,
    min_ms: null,
    max_ms: null,
    floor_ms: null,
    ratio: null,
    peak_rss_mb: round(peakRssMb, 0),
    runs: 0,
    note,
    ...(firstPeakMb === undefined ? {} : { firstPeakMb }),
  };
}

/** What goes into results.json: exactly the fields. */
export const toResult = ({ name, median_ms, min_ms, max_ms, floor_ms, ratio, peak_rss_mb }: BenchRow): ResultRow => ({
  name,
  median_ms,
  min_ms,
  max_ms,
  floor_ms,
  ratio,
  peak_rss_mb,
});

export const mbPerSec = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
