/*
 * Durations as flags take them: `1d`, `6h`, `90m`, `1h30m`, `45s`, `500ms`, or `0` (off). Whole
 * numbers and units only, so a typo never silently means something else.
 */

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(?:\d+(?:ms|s|m|h|d))+$/;
const TERM = /(\d+)(ms|s|m|h|d)/g;

/** Milliseconds; throws an Error saying what is accepted. */
export function parseDuration(text: string): number {
  const input = text.trim();
  if (input === '0') return 0;
  if (!DURATION.test(input)) throw new Error(`"${text}" is not a duration: use e.g. 1d, 6h, 1h30m, 90s or 0`);
  let ms = 0;
  for (const [, n, unit] of input.matchAll(TERM)) ms += Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return ms;
}

/** A duration given as text (`1d`) or as milliseconds. */
export function durationMs(value: string | number): number {
  if (typeof value === 'string') return parseDuration(value);
  if (!Number.isFinite(value) || value < 0) throw new Error(`A duration must be a number of milliseconds >= 0, got ${value}`);
  return value;
}
