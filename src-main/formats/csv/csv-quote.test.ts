import { describe, expect, it } from 'vitest';
import { csvField, csvQuoter } from './csv-quote';

describe('csv quoting', () => {
  it('quotes only what RFC 4180 needs quoting, doubling quotes', () => {
    expect(csvField('Production')).toBe('Production');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;b')).toBe('a;b');
    expect(csvField('{"code":0}')).toBe('"{""code"":0}"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('padded\t')).toBe('"padded\t"');
    expect(csvField('')).toBe('');
  });

  it('quotes the separator of Excel’s semicolon csv, and no longer the comma', () => {
    const field = csvQuoter(';');
    expect(field('a;b')).toBe('"a;b"');
    expect(field('1,5')).toBe('1,5');
  });
});
