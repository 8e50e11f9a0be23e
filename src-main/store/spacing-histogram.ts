/*
 * How far apart a signal's values usually are. Every spacing between consecutive values of a chunk
 * falls in a bin an eighth of an octave wide (9 %), which keeps its count and the sum of its
 * spacings. The usual spacing is the mean spacing of the bin holding the median: exactly the
 * period of a regular signal, within 9 % of the median otherwise, and a regular signal costs one
 * bin. Zero spacings (repeated timestamps) are left out: they say nothing about pauses.
 */

const BINS_PER_OCTAVE = 8;

export interface SpacingHistogram {
  bins: number[];
  counts: number[];
  sums: number[];
}

export function spacingBin(ms: number): number {
  return Math.floor(Math.log2(ms) * BINS_PER_OCTAVE);
}

/** Accumulates spacings; the bin of the last spacing is remembered, as regular signals repeat it. */
export class SpacingCounter {
  private readonly bins = new Map<number, { count: number; sum: number }>();
  private lastMs = NaN;
  private last: { count: number; sum: number } | null = null;

  /** `times` spacings of `ms`. */
  add(ms: number, times: number): void {
    if (!(ms > 0)) return;
    if (ms !== this.lastMs) {
      const bin = spacingBin(ms);
      let slot = this.bins.get(bin);
      if (!slot) this.bins.set(bin, (slot = { count: 0, sum: 0 }));
      this.last = slot;
      this.lastMs = ms;
    }
    this.last!.count += times;
    this.last!.sum += ms * times;
  }

  histogram(): SpacingHistogram {
    const bins = [...this.bins.keys()].sort((a, b) => a - b);
    return { bins, counts: bins.map((b) => this.bins.get(b)!.count), sums: bins.map((b) => this.bins.get(b)!.sum) };
  }
}

/** The usual spacing over several histograms (merged in the order given), or null without any spacing. */
export function usualSpacing(histograms: readonly SpacingHistogram[]): number | null {
  const merged = new Map<number, { count: number; sum: number }>();
  let total = 0;
  for (const h of histograms) {
    for (let i = 0; i < h.bins.length; i++) {
      const slot = merged.get(h.bins[i]!) ?? { count: 0, sum: 0 };
      slot.count += h.counts[i]!;
      slot.sum += h.sums[i]!;
      merged.set(h.bins[i]!, slot);
      total += h.counts[i]!;
    }
  }
  if (!total) return null;
  let seen = 0;
  for (const bin of [...merged.keys()].sort((a, b) => a - b)) {
    const slot = merged.get(bin)!;
    seen += slot.count;
    if (seen * 2 >= total) return slot.sum / slot.count;
  }
  return null;
}
