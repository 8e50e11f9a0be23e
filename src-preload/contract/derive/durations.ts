/*
 * Durations of the derive language: a number and a unit, `500ms`, `10s`, `10m`, `2h`, `1d`, `1w`.
 * Fixed lengths (a day is 24 hours here, whatever the clocks do): a rolling window or a shift is
 * a span of elapsed time between samples, not a calendar step.
 */

export const DURATION_UNITS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
export type DurationUnit = keyof typeof DURATION_UNITS;

export const isDurationUnit = (u: string): u is DurationUnit => Object.prototype.hasOwnProperty.call(DURATION_UNITS, u);

/** The longest window, shift or hold: a year (a chunk's lead-in is at least that long; see lead-in.ts in main). */
export const MAX_DURATION_MS = 366 * DURATION_UNITS.d;

/**
 * How long a sample's value stands when nothing says otherwise: `hold`, `shift`, `diff` and `rate`
 * look back at most this far for a signal's last sample, and a condition known at a sample is
 * taken to last until the next sample that decides it, for at most this long. A longer silence is
 * a gap. An hour is 60 samples of the demo's slowest signals (1 min) and 4 of its 15-minute ones;
 * a slower signal is given its own (`hold(lab, 6h)`, `diff(meter, 1d)`).
 */
export const DEFAULT_HOLD_MS = DURATION_UNITS.h;

/** The shortest text that reads back to the same length: `600000` -> `10m`, `1500` -> `1500ms`. */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    const n = ms / DURATION_UNITS[unit];
    if (ms > 0 && Number.isInteger(n) && n * DURATION_UNITS[unit] === ms) return `${n}${unit}`;
  }
  return `${ms}ms`;
}
