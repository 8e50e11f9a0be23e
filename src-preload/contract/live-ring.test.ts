import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LaneRing, LineRing } from './live-ring';

/*
 * The ring against a plain array that does the same thing without a bound on its work: whatever
 * the order of pushes, history fills and trims, the ring holds exactly the model's newest points,
 * never more than its capacity.
 */

type Op = { op: 'push'; t: number; v: number } | { op: 'prepend'; ts: number[] } | { op: 'drop'; t: number };

/** The model: the points in time order; a push keeps only the newest `capacity`, a prepend only fills free room. */
function model(capacity: number, ops: Op[]): [number, number][] {
  let points: [number, number][] = [];
  for (const o of ops) {
    if (o.op === 'push') {
      const last = points.at(-1)?.[0] ?? -Infinity;
      if (o.t > last) points = [...points, [o.t, o.v] as [number, number]].slice(-capacity);
    } else if (o.op === 'prepend') {
      const first = points[0]?.[0] ?? Infinity;
      const older = o.ts.filter((t) => t < first).map((t) => [t, -t] as [number, number]);
      const room = capacity - points.length;
      points = [...older.slice(Math.max(0, older.length - room)), ...points];
    } else points = points.filter(([t]) => t >= o.t);
  }
  return points;
}

const ops = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('push' as const), t: fc.integer({ min: 0, max: 200 }), v: fc.integer() }),
    fc.record({
      op: fc.constant('prepend' as const),
      ts: fc.uniqueArray(fc.integer({ min: -100, max: 200 }), { maxLength: 12 }).map((a) => a.sort((x, y) => x - y)),
    }),
    fc.record({ op: fc.constant('drop' as const), t: fc.integer({ min: -50, max: 200 }) }),
  ),
  { maxLength: 60 },
);

function run(capacity: number, list: Op[]): LineRing {
  const ring = new LineRing(capacity);
  for (const o of list) {
    if (o.op === 'push') ring.push(o.t, o.v);
    else if (o.op === 'prepend')
      ring.prepend(
        o.ts,
        o.ts.map((t) => -t),
      );
    else ring.dropBefore(o.t);
  }
  return ring;
}

describe('LineRing', () => {
  it('holds what the model holds, never more than its capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), ops, (capacity, list) => {
        const ring = run(capacity, list);
        const expected = model(capacity, list);
        const all = ring.since(-Infinity);
        expect(ring.length).toBeLessThanOrEqual(capacity);
        expect([...all.t]).toEqual(expected.map(([t]) => t));
        expect([...all.v]).toEqual(expected.map(([, v]) => v));
        // since(t): the tail after t.
        const cut = expected[Math.floor(expected.length / 2)]?.[0] ?? 0;
        expect([...ring.since(cut).t]).toEqual(expected.filter(([t]) => t > cut).map(([t]) => t));
      }),
      { numRuns: 500 },
    );
  });

  it('runs a day of 2 s polls in the same 8,192 slots: the newest stay', () => {
    const ring = new LineRing(8_192);
    for (let i = 0; i < 43_200; i++) ring.push(i * 2_000, i);
    expect(ring.length).toBe(8_192);
    expect([ring.firstTime, ring.lastTime]).toEqual([(43_200 - 8_192) * 2_000, 43_199 * 2_000]);
  });

  it('drops a point polled again (same time) and one out of order', () => {
    const ring = new LineRing(4);
    expect([ring.push(10, 1), ring.push(10, 2), ring.push(9, 3), ring.push(11, 4)]).toEqual([true, false, false, true]);
    expect([...ring.since(-Infinity).v]).toEqual([1, 4]);
  });

  it('history never pushes out what was polled', () => {
    const ring = new LineRing(3);
    ring.push(10, 1);
    ring.push(11, 2);
    expect(ring.prepend([5, 6, 7, 12], [50, 60, 70, 120])).toBe(1);
    expect([...ring.since(-Infinity).t]).toEqual([7, 10, 11]);
  });

  it('latest(): the newest point that is not a break', () => {
    const ring = new LineRing(4);
    expect(ring.latest()).toBeNull();
    ring.push(1, 5);
    ring.push(2, Number.NaN);
    expect(ring.latest()).toEqual({ t: 1, value: 5 });
  });
});

describe('LaneRing', () => {
  it('keeps states, null as a break', () => {
    const ring = new LaneRing(2);
    ring.push(1, 'RUN');
    ring.push(2, null);
    ring.push(3, 'STOP');
    expect(ring.since(-Infinity)).toEqual({ t: Float64Array.from([2, 3]), v: [null, 'STOP'] });
    expect(ring.latest()).toEqual({ t: 3, value: 'STOP' });
  });
});
