import { describe, expect, it } from 'vitest';
import { linearFrom, linePath, niceAxis, stepPath, valueExtent } from './line-path';

const x = (t: number) => t * 2;
const y = (v: number) => 100 - v;

describe('line paths', () => {
  it('draws one stretch per unbroken run: a null starts a new M, nothing else does', () => {
    expect(linePath([0, 1, 2], [10, 20, 30], x, y)).toBe('M0,90L2,80L4,70');
    expect(linePath([0, 1, 2, 3, 4], [10, 20, null, 40, 50], x, y)).toBe('M0,90L2,80M6,60L8,50');
    expect(linePath([0, 1, 2], [null, 5, null], x, y)).toBe('M2,95');
    // Irregular spacing (M4 keeps first, min, max, last of a column) is no reason to break.
    expect(linePath([0, 0.1, 0.7, 0.9, 50], [1, 2, 3, 4, 5], x, y).match(/M/g)).toHaveLength(1);
  });

  it('steps a lane: each state held until the next change', () => {
    expect(stepPath([0, 5, 7], [1, 0, 1], x, y)).toBe('M0,99H10V100H14V99');
    expect(stepPath([], [], x, y)).toBe('');
  });

  it('maps through a scale by two of its points', () => {
    const linear = linearFrom((v) => 64 + v / 10, 0, 1000)!;
    expect(linear(500)).toBe(114);
    expect(linearFrom(() => undefined, 0, 1)).toBeNull();
  });

  it('finds the extent of the lines, padded when flat', () => {
    expect(valueExtent([[1, null, 3], [-2]])).toEqual([-2, 3]);
    expect(valueExtent([[4, 4]])).toEqual([2, 6]);
    expect(valueExtent([[null]])).toBeNull();
  });
});

describe('niceAxis', () => {
  it('spans the values with round ticks', () => {
    expect(niceAxis(32.725, 33.319)).toEqual({ domain: [32.6, 33.4], ticks: [32.6, 32.8, 33, 33.2, 33.4] });
    expect(niceAxis(2.3, 11.2)).toEqual({ domain: [0, 12.5], ticks: [0, 2.5, 5, 7.5, 10, 12.5] });
    expect(niceAxis(124_363, 124_540)).toEqual({ domain: [124_350, 124_550], ticks: [124_350, 124_400, 124_450, 124_500, 124_550] });
    expect(niceAxis(0.1, 0.3).ticks).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
  });
});
