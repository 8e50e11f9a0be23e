import { describe, expect, it } from 'vitest';
import { chunksInText, plannedChunks } from './chunk-count';

describe('chunks of a running export', () => {
  it('knows the plan once it is made, or at the end', () => {
    expect(plannedChunks({ chunksDone: 3, chunksTotal: 40, phase: 'exporting' })).toBe(40);
    expect(plannedChunks({ chunksDone: 40, chunksTotal: 40, phase: 'finishing' })).toBe(40);
  });
  it('does not claim "1 of 1" between the probe and the plan', () => {
    expect(plannedChunks({ chunksDone: 1, chunksTotal: 1, phase: 'exporting' })).toBeNull();
    expect(chunksInText(1, null)).toBe('1 chunk in, the rest not planned yet');
    expect(chunksInText(12, 40)).toBe('12 of 40 chunks');
  });
});
