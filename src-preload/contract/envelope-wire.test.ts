import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope, plainJson } from './envelope-wire';

const roundTrip = (value: unknown) => {
  const bytes = encodeEnvelope(value);
  return decodeEnvelope(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
};

describe('the envelope on the wire', () => {
  it('gives back the JSON values, and each Float64Array as one, bit for bit', () => {
    const t = Float64Array.from({ length: 1000 }, (_, i) => 1_738_368_000_000 + i * 1000.5);
    const v = t.map((_, i) => (i % 97 === 0 ? NaN : Math.sin(i) * 1e-300 + i / 3));
    v[5] = -0;
    // A view into a bigger buffer travels as its own elements only.
    const part = new Float64Array(64).fill(7).subarray(10, 13);
    const value = {
      ok: true,
      value: {
        series: [
          { column: 'a', t, v, steps: ['x', 'y'] },
          { column: 'b', t: part, v: [true, null] },
        ],
      },
    };
    const back = roundTrip(value) as typeof value;
    expect(back).toEqual(value);
    expect(back.value.series[0]!.v).toBeInstanceOf(Float64Array);
    expect(Object.is(back.value.series[0]!.v[5], -0)).toBe(true);
    expect(Array.from(back.value.series[1]!.t as Float64Array)).toEqual([7, 7, 7]);
    // Plain arrays stay JSON.
    const plain = { ok: true, value: Array.from({ length: 300 }, (_, i) => i) };
    expect(roundTrip(plain)).toEqual(plain);
  });

  it('keeps every double exactly, and any JSON value', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 600 }), fc.jsonValue(), (xs, other) => {
        const value = { a: Float64Array.from(xs), other, b: Float64Array.from(xs.slice().reverse()) };
        const back = roundTrip(value) as typeof value;
        expect(back.other).toEqual(JSON.parse(JSON.stringify(other)));
        expect(new Uint8Array(back.a.buffer, back.a.byteOffset, back.a.byteLength)).toEqual(new Uint8Array(value.a.buffer));
        expect(Array.from(back.b)).toEqual(Array.from(value.b));
      }),
      { numRuns: 200 },
    );
  });

  it('writes into a buffer it is given, at any offset of it', () => {
    const backing = new Uint8Array(1 << 16).fill(0xff);
    const value = { ok: true, value: { t: Float64Array.of(1, 2, 3), name: 'x' } };
    const bytes = encodeEnvelope(value, (n) => backing.subarray(24, 24 + n));
    expect(bytes.buffer).toBe(backing.buffer);
    expect(decodeEnvelope(bytes.slice().buffer)).toEqual(value);
  });

  it('writes doubles as plain JSON arrays, NaN as null, for clients without the envelope', () => {
    expect(JSON.parse(plainJson({ ok: true, value: { t: Float64Array.of(1, 2.5), v: Float64Array.of(NaN, -3) } }))).toEqual({
      ok: true,
      value: { t: [1, 2.5], v: [null, -3] },
    });
  });

  it('refuses bytes that are not an envelope', () => {
    expect(() => decodeEnvelope(new TextEncoder().encode('{"ok":true}').buffer as ArrayBuffer)).toThrow(/Not an envelope/);
    const bytes = encodeEnvelope({ a: new Float64Array(300) });
    expect(() => decodeEnvelope(bytes.buffer.slice(0, bytes.byteLength - 8) as ArrayBuffer)).toThrow(/damaged/);
  });
});
