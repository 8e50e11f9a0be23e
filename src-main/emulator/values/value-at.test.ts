import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../catalog/load-catalog';
import { demoCatalog, signalNamed } from '../testing/fixture';
import { valueAt } from './value-at';

const DAY = 86_400_000;
const catalog = demoCatalog();
const signals = [...catalog.signalsById.values()];
const origin = catalog.originMs;

describe('valueAt', () => {
  it('gives the same value for the same (signal, timestamp), in any call order', () => {
    fc.assert(
      fc.property(fc.constantFrom(...signals), fc.integer({ min: 0, max: 400 * 86_400 }), (signal, k) => {
        const t = origin + Math.floor((k * 1000) / signal.periodMs) * signal.periodMs;
        const first = valueAt(signal, t);
        valueAt(signal, t + signal.periodMs * 7919); // moves the sampler's noise cache elsewhere
        expect(valueAt(signal, t)).toStrictEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('answers with the type of the signal and null only off-grid, out of the active span or in a gap', () => {
    for (const signal of signals) {
      const t = origin + 40 * DAY + 13 * signal.periodMs;
      const v = valueAt(signal, t);
      if (v === null) continue; // a gap or an inactive span: checked below
      const expected = { float: 'number', boolean: 'boolean', string: 'string', json: 'string' }[signal.dataType];
      expect(typeof v, `${signal.id} ${signal.name}`).toBe(expected);
      if (signal.dataType === 'json') expect(() => JSON.parse(v as string)).not.toThrow();
      if (typeof v === 'number') {
        expect(Number.isFinite(v)).toBe(true);
        expect(Object.is(v, -0)).toBe(false);
      }
      if (signal.periodMs > 1) expect(valueAt(signal, t + 1)).toBeNull();
    }
  });

  it('has no data before the origin, before activeFrom and from activeUntil on', () => {
    const s = signals[0]!;
    expect(valueAt(s, origin - s.periodMs)).toBeNull();
    expect(valueAt(s, origin)).not.toBeNull();
    const legacy = signalNamed('Mast Base', 'Air Temperature (legacy sensor)');
    const replacement = signalNamed('Mast Base', 'Air Temperature');
    const switchover = Date.parse('2025-03-15T00:00:00Z');
    expect(valueAt(legacy, switchover - 60_000)).not.toBeNull();
    expect(valueAt(legacy, switchover)).toBeNull();
    expect(valueAt(replacement, switchover - 60_000)).toBeNull();
    expect(valueAt(replacement, switchover)).not.toBeNull();
    expect(valueAt(s, Number.NaN)).toBeNull();
  });

  it('has deterministic gaps that a turbine’s signals share', () => {
    const wind = signalNamed('Nacelle', 'Wind Speed');
    const rotorOfSameTurbine = wind.unit.division.units.find((u) => u.name === 'Rotor')!.signals[0]!;
    const gapStarts: number[] = [];
    let inGap = false;
    for (let t = origin; t < origin + 60 * DAY; t += 60_000) {
      const missing = valueAt(wind, t) === null;
      if (missing && !inGap) gapStarts.push(t);
      inGap = missing;
      if (missing) expect(valueAt(rotorOfSameTurbine, t)).toBeNull();
    }
    expect(gapStarts.length).toBeGreaterThan(2);
  });

  it('models realistic shapes: power follows wind through the turbine curve', () => {
    const wind = signalNamed('Nacelle', 'Wind Speed');
    const power = wind.unit.division.units.flatMap((u) => u.signals).find((s) => s.name === 'Active Power')!;
    const pairs: [number, number][] = [];
    for (let t = origin + 30 * DAY; t < origin + 33 * DAY; t += 600_000) {
      const w = valueAt(wind, t);
      const p = valueAt(power, t);
      if (typeof w === 'number' && typeof p === 'number') pairs.push([w, p]);
    }
    const calm = pairs.filter(([w]) => w < 2.5).map(([, p]) => p);
    const strong = pairs.filter(([w]) => w > 14).map(([, p]) => p);
    if (calm.length) expect(Math.max(...calm)).toBeLessThan(100);
    if (strong.length) expect(Math.min(...strong)).toBeGreaterThan(3000);
    expect(Math.max(...pairs.map(([, p]) => p))).toBeLessThanOrEqual(3600 + 15);
  });

  it('rounds floats to the model’s decimals', () => {
    const cat = buildCatalog({
      version: 1,
      origin: '2025-01-01T00:00:00Z',
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
      user: { username: 'u', customerId: 1, customerName: 'c', roles: [] },
      workspaces: [
        {
          id: 1,
          name: 'w',
          description: null,
          assets: [
            {
              id: 1,
              name: 'a',
              type: 't',
              description: null,
              divisions: [
                {
                  id: 1,
                  name: 'd',
                  description: null,
                  units: [
                    {
                      id: 1,
                      name: 'u',
                      signals: [
                        {
                          id: 1,
                          name: 's',
                          physicalUnit: 'bar',
                          dataType: 'float',
                          description: null,
                          longDescription: null,
                          periodS: 1,
                          model: { type: 'float', base: 1, noise: 0.5, decimals: 2 },
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const s = cat.signalsById.get(1)!;
    for (let k = 0; k < 100; k++) {
      const v = valueAt(s, cat.originMs + k * 1000) as number;
      expect(Math.round(v * 100) / 100).toBe(v);
      expect(Math.abs(v - 1)).toBeLessThanOrEqual(0.5);
    }
  });
});
