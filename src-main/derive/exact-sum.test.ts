import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from './exact-sum';
import { exactSumReference } from './testing/exact-reference';

const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1, max: 1 }),
  fc.constantFrom(0.1, 0.2, 0.3, 1e16, -1e16, 1, 2 ** 53, 5e-324, -0),
);

const sumOf = (xs: number[]) => {
  const s = new ExactSum();
  for (const x of xs) s.add(x);
  return s;
};

describe('ExactSum', () => {
  it('is the exact sum rounded once, as integer arithmetic gives it', () => {
    expect(sumOf([0.1, 0.2, 0.3]).value()).toBe(0.6);
    expect(0.1 + 0.2 + 0.3).toBe(0.6000000000000001);
    expect(sumOf([1e16, 1, -1e16]).value()).toBe(1);
    expect(sumOf([2 ** 53, 1, 1]).value()).toBe(2 ** 53 + 2);
    expect(sumOf([]).value()).toBe(0);
    expect(Object.is(sumOf([-0]).value(), 0)).toBe(true);
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (xs) => {
        // Sums near the top of the range overflow in either; keep to what plant data can reach.
        fc.pre(xs.reduce((m, x) => m + Math.abs(x), 0) < 1e307);
        expect(sumOf(xs).value()).toBe(exactSumReference(xs));
      }),
      { numRuns: 2_000 },
    );
  });

  it('depends only on what is in it: not on the order, nor on what was added and taken away', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.array(value, { maxLength: 40 }), fc.integer(), (keep, gone, seed) => {
        fc.pre([...keep, ...gone].reduce((m, x) => m + Math.abs(x), 0) < 1e307);
        const slid = new ExactSum();
        for (const x of [...gone, ...keep]) slid.add(x);
        for (const x of gone) slid.add(-x);
        const shuffled = [...keep].sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
        const fresh = sumOf(shuffled);
        expect(slid.value()).toBe(fresh.value());
        expect(new ExactSum(slid.partials()).value()).toBe(fresh.value());
        const halves = sumOf(keep.slice(0, keep.length >> 1));
        halves.merge(sumOf(keep.slice(keep.length >> 1)));
        expect(halves.value()).toBe(fresh.value());
      }),
      { numRuns: 1_000 },
    );
  });
});
