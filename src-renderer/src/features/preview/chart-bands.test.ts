import { describe, expect, it } from 'vitest';
import { bandRects, MAX_BANDS } from './chart-bands';

const band = (periods: { start: number; end: number }[]) => [{ label: 'above', color: '#000', periods }];

describe('bandRects', () => {
  it('places each period at its pixels, clipped to the range shown', () => {
    const rects = bandRects(
      band([
        { start: -500, end: 100 },
        { start: 300, end: 500 },
        { start: 900, end: 1500 },
        { start: 2000, end: 3000 },
      ]),
      { start: 0, end: 1000 },
      100,
    );
    expect(rects.map((r) => [r.x, r.width])).toEqual([
      [0, 10],
      [30, 20],
      [90, 10],
    ]);
  });

  it('draws a period narrower than a pixel one pixel wide, and merges ones within a pixel of each other', () => {
    const rects = bandRects(
      band([
        { start: 500, end: 501 },
        { start: 503, end: 504 },
        { start: 800, end: 801 },
      ]),
      { start: 0, end: 10_000 },
      100,
    );
    expect(rects).toHaveLength(2);
    expect(rects[0]!.width).toBeGreaterThanOrEqual(1);
    expect(rects[1]!.x).toBeCloseTo(7.505, 3);
  });

  it('keeps at most MAX_BANDS rectangles per condition however many periods there are', () => {
    const periods = Array.from({ length: 100_000 }, (_, i) => ({ start: i * 60_000, end: i * 60_000 + 20_000 }));
    const rects = bandRects(band(periods), { start: 0, end: 100_000 * 60_000 }, 4000);
    expect(rects.length).toBeLessThanOrEqual(MAX_BANDS);
    expect(rects.length).toBeGreaterThan(0);
    expect(rects.every((r) => r.width >= 1 && r.x >= 0 && r.x + r.width <= 4000)).toBe(true);
  });
});
