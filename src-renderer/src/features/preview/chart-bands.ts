import type { TimeRange } from '../../../../src-preload/contract';

/** Periods drawn as bands across a chart's plot (a condition's, from the derive feature via app/). */
export interface ChartBands {
  label: string;
  color: string;
  periods: readonly TimeRange[];
}

export interface BandRect {
  label: string;
  color: string;
  /** Pixels from the plot's left edge. */
  x: number;
  width: number;
}

/** Bands drawn per condition at most: more would cost paint time and could not be told apart anyway. */
export const MAX_BANDS = 400;

/**
 * Each condition's periods as rectangles over a plot `plotWidth` pixels wide showing `range`:
 * clipped to it, at least one pixel wide, and merged where they would touch within a pixel (a
 * year of one-minute periods is then a few hundred rectangles, not hundreds of thousands).
 * Past `MAX_BANDS` the gap that merges grows, so the count stays bounded. Periods are in time order.
 */
export function bandRects(bands: readonly ChartBands[], range: TimeRange, plotWidth: number): BandRect[] {
  const span = range.end - range.start;
  if (!(span > 0) || !(plotWidth > 0)) return [];
  const px = (t: number) => ((t - range.start) / span) * plotWidth;
  const out: BandRect[] = [];
  for (const band of bands) {
    let rects = merge(band.periods, px, plotWidth, 1);
    for (let gap = 2; rects.length > MAX_BANDS; gap *= 2) rects = merge(band.periods, px, plotWidth, gap);
    for (const [x0, x1] of rects) out.push({ label: band.label, color: band.color, x: x0, width: x1 - x0 });
  }
  return out;
}

function merge(periods: readonly TimeRange[], px: (t: number) => number, plotWidth: number, gap: number): [number, number][] {
  const rects: [number, number][] = [];
  for (const p of periods) {
    if (!(p.end >= p.start)) continue;
    let x0 = Math.max(0, px(p.start));
    let x1 = Math.min(plotWidth, px(p.end));
    if (x1 < 0 || x0 > plotWidth) continue;
    if (x1 - x0 < 1) {
      // Narrower than a pixel: one pixel around it, inside the plot.
      x0 = Math.min(Math.max(0, (x0 + x1) / 2 - 0.5), plotWidth - 1);
      x1 = x0 + 1;
    }
    const last = rects[rects.length - 1];
    if (last && x0 - last[1] < gap) last[1] = Math.max(last[1], x1);
    else rects.push([x0, x1]);
  }
  return rects;
}
