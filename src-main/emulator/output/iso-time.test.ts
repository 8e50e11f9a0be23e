import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFormatter } from './iso-time';
import { csvField } from './write-text';

describe('isoFormatter', () => {
  it('matches Date#toISOString for any instant in 1970-9999, in any order', () => {
    const iso = isoFormatter();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        expect(iso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('csvField', () => {
  it('quotes only what RFC 4180 needs quoting, doubling quotes', () => {
    expect(csvField('Production')).toBe('Production');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('{"code":0}')).toBe('"{""code"":0}"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(' padded')).toBe('" padded"');
  });
});
