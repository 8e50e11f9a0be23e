import type { JobProgress } from '../../../../src-preload/contract';
import { formatCount, plural } from '../../lib/format';

/**
 * The chunks an export is planned in, as far as is known while it runs: after its first chunk (a
 * probe that measures the data) the rest is not planned yet, and the job's count then says "1 of 1".
 * null while that is so.
 */
export function plannedChunks(p: Pick<JobProgress, 'chunksDone' | 'chunksTotal' | 'phase'>): number | null {
  return p.chunksTotal > p.chunksDone || p.phase === 'finishing' ? p.chunksTotal : null;
}

/** `12 of 40 chunks`, or `1 chunk in, the rest not planned yet`. */
export function chunksInText(done: number, planned: number | null): string {
  if (planned === null) return `${plural(done, 'chunk')} in, the rest not planned yet`;
  return `${formatCount(done)} of ${plural(Math.max(planned, done), 'chunk')}`;
}
