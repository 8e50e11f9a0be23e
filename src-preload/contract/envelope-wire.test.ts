import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope } from './envelope-wire';

const roundTrip = (value: unknown) => {
  const bytes = encodeEnvelope(value);
  return decodeEnvelope(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
};

describe('the envelope on the wire', () => {
  it('gives back what JSON would, long arrays of numbers moved out as doubles', () => {
    const t = Array.from({ length: 1000 }, (_, i) => 1_738_368_000_000 + i * 1000.5);
    const v = t.map((_, i) => (i % 97 === 0 ? null : Math.sin(i) * 1e-300 + i / 3));
    const value = {
      ok: true,
      value: {
        series: [
          { column: 'a', t, v, steps: ['x', 'y'] },
          { column: 'b', t: [1, 2], v: [true, null] },
        ],
      },
    };
    expect(roundTrip(value)).toEqual(JSON.parse(JSON.stringify(value)));
    // A long array that is not all numbers stays JSON.
    const mixed = { ok: true, value: Array.from({ length: 300 }, (_, i) => (i === 150 ? 'x' : i)) };
    expect(roundTrip(mixed)).toEqual(mixed);
  });

  it('keeps every double exactly, and any JSON value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)), { minLength: 256, maxLength: 600 }),
        fc.jsonValue(),
        (xs, other) => {
          const value = { a: xs, other, b: xs.slice().reverse() };
          expect(roundTrip(value)).toEqual(JSON.parse(JSON.stringify(value)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses bytes that are not an envelope', () => {
    expect(() => decodeEnvelope(new TextEncoder().encode('{"ok":true}').buffer as ArrayBuffer)).toThrow(/Not an envelope/);
    const bytes = encodeEnvelope({ a: Array.from({ length: 300 }, (_, i) => i) });
    expect(() => decodeEnvelope(bytes.buffer.slice(0, bytes.byteLength - 8) as ArrayBuffer)).toThrow(/damaged/);
  });
});
