import { describe, expect, it } from 'vitest';
import { durationMs, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['1d', 86_400_000],
    ['6h', 21_600_000],
    ['1h30m', 5_400_000],
    ['90s', 90_000],
    ['500ms', 500],
    ['2d12h', 216_000_000],
    ['0', 0],
    [' 1d ', 86_400_000],
  ])('%s = %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '1', 'd', '1.5h', '-1d', '1w', '1 d', 'soon'])('refuses %j, saying what is accepted', (text) => {
    expect(() => parseDuration(text)).toThrow(/is not a duration: use e\.g\. 1d, 6h/);
  });

  it('takes milliseconds as a number too', () => {
    expect(durationMs(3_600_000)).toBe(3_600_000);
    expect(durationMs('1h')).toBe(3_600_000);
    expect(() => durationMs(-1)).toThrow(/>= 0/);
  });
});
