import type { CatalogSignal } from '../catalog/catalog-types';
import { presence } from './row-count';
import { valueAt, type SampleValue } from './value-at';

/*
 * A signal's newest sample at or before an instant: what the live endpoint answers. It is a
 * sample of the same generator as the files (valueAt), so a live value read now is the value a
 * history request returns later for that timestamp. Inside an outage, or after the signal stopped,
 * the newest sample is the last one before; the search looks back in widening windows (an outage
 * is a few hours at most, a retired sensor may be months back) without visiting samples.
 */

export interface Sample {
  timestampMs: number;
  value: Exclude<SampleValue, null>;
}

/** The first look back; each miss looks four times as far, down to the signal's start. */
const FIRST_LOOK_BACK_MS = 3_600_000;

export function latestSample(signal: CatalogSignal, atMs: number): Sample | null {
  const earliest = Math.max(signal.originMs, signal.activeFromMs);
  // presence() takes [start, end): end just after `atMs` includes a sample at exactly atMs.
  const end = Math.min(atMs + 1, signal.activeUntilMs);
  if (end <= earliest) return null;
  for (let span = Math.max(FIRST_LOOK_BACK_MS, 4 * signal.periodMs); ; span *= 4) {
    const start = Math.max(end - span, earliest);
    const intervals = presence(signal, { startMs: start, endMs: end });
    for (let i = intervals.length - 1; i >= 0; i--) {
      const [a, b] = intervals[i]!;
      const t = lastOnGridBefore(signal, b);
      if (t < a) continue;
      const value = valueAt(signal, t);
      if (value !== null) return { timestampMs: t, value };
    }
    if (start === earliest) return null;
  }
}

/** The last time origin + k * period that is < `end`. */
function lastOnGridBefore(signal: CatalogSignal, end: number): number {
  return signal.originMs + Math.floor((end - 1 - signal.originMs) / signal.periodMs) * signal.periodMs;
}
