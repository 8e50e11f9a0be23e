import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor } from './exit-codes';
import { USAGE } from './usage';

describe('exit codes', () => {
  it('cancelled is 130 wherever it stopped', () => {
    for (const during of [undefined, 'request', 'download', 'decode', 'write'] as const) {
      expect([during, exitCodeFor('cancelled', during ? { during } : undefined)]).toEqual([during, 130]);
    }
  });

  it('a full disk is 1 wherever it happened; a failed download 6', () => {
    expect(exitCodeFor('file', { during: 'download', diskFull: 'cache' })).toBe(EXIT.other);
    expect(exitCodeFor('network', { during: 'download' })).toBe(EXIT.downloadFailed);
    expect(exitCodeFor('server-failed', { during: 'request' })).toBe(EXIT.serverFailed);
  });

  it('--help lists every exit code', () => {
    for (const code of new Set(Object.values(EXIT))) expect(USAGE).toMatch(new RegExp(`\\b${code}\\b[^\\n]*\\w`));
    expect(USAGE).toMatch(/130 cancelled/);
  });
});
