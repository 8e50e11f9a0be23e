import { describe, expect, it } from 'vitest';
import { JobStage } from '../../src-preload/contract';
import { EXIT, exitCodeFor } from './exit-codes';
import { USAGE } from './usage';

describe('exit codes', () => {
  it('cancelled is 130 whatever the stage it stopped in', () => {
    for (const stage of [undefined, ...JobStage.options]) expect([stage, exitCodeFor('cancelled', stage)]).toEqual([stage, 130]);
  });

  it('a full disk is 1 whatever the stage; a failed download 6', () => {
    expect(exitCodeFor('file', 'downloading', { diskFull: 'cache' })).toBe(EXIT.other);
    expect(exitCodeFor('network', 'downloading')).toBe(EXIT.downloadFailed);
  });

  it('--help lists every exit code', () => {
    for (const code of new Set(Object.values(EXIT))) expect(USAGE).toMatch(new RegExp(`\\b${code}\\b[^\\n]*\\w`));
    expect(USAGE).toMatch(/130 cancelled/);
  });
});
