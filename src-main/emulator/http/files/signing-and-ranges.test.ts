import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRange } from './byte-range';
import { hasQueryAuth, signPath, verifySignedPath } from './signed-url';

describe('signed paths', () => {
  const secret = randomBytes(32);
  const issued = Date.parse('2025-07-01T12:00:00.400Z');
  const signed = signPath(secret, '/files/User-10-1-1000/000.csv', issued, 60);
  const [path, qs] = signed.split('?') as [string, string];
  const query = Object.fromEntries(new URLSearchParams(qs));

  it('verify until the lifetime has passed (whole seconds from X-Amz-Date)', () => {
    expect(query['X-Amz-Date']).toBe('20250701T120000Z');
    expect(verifySignedPath(secret, path, query, issued)).toBe('ok');
    expect(verifySignedPath(secret, path, query, Date.parse('2025-07-01T12:01:00Z'))).toBe('ok');
    expect(verifySignedPath(secret, path, query, Date.parse('2025-07-01T12:01:00.001Z'))).toBe('expired');
  });

  it('fail for another path, a changed parameter, another secret, or no signature', () => {
    expect(verifySignedPath(secret, '/files/User-10-1-1001/000.csv', query, issued)).toBe('bad-signature');
    expect(verifySignedPath(secret, path, { ...query, 'X-Amz-Expires': '6000' }, issued)).toBe('bad-signature');
    expect(verifySignedPath(randomBytes(32), path, query, issued)).toBe('bad-signature');
    expect(verifySignedPath(secret, path, { ...query, 'X-Amz-Signature': 'zz' }, issued)).toBe('bad-signature');
    expect(verifySignedPath(secret, path, {}, issued)).toBe('unsigned');
    expect(hasQueryAuth(query)).toBe(true);
    expect(hasQueryAuth({})).toBe(false);
  });
});

describe('parseRange', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=900-', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=900-5000', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', { kind: 'full' }],
    ['items=0-1', { kind: 'full' }],
    ['bytes=5-1', { kind: 'full' }],
  ])('%s of 1000 bytes', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});
