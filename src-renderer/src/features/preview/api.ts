import { useEffect, useRef } from 'react';
import { keepPreviousData, queryOptions, useQueryClient } from '@tanstack/react-query';
import type { ChunkCount, TimeRange } from '../../../../src-preload/contract';
import { invoke } from '../../lib/bridge';

/*
 * The preview's answers. A job's preview grows while its chunks arrive: one cache entry per
 * question (range and width, page), refreshed when a chunk is in (useFollowChunks), never one
 * entry per chunk. Once the job is complete its answers never change and are kept.
 */

/** Poll again shortly while an answer holds fewer chunks than the job says are done (the chunk is still being added). */
const whileBehind = (wanted: number) => (q: { state: { data?: { chunks: ChunkCount } } }) =>
  q.state.data && q.state.data.chunks.done < wanted ? 300 : false;

/** The chart's points for a range; `wanted`: the chunks the job says are done, which the answer should hold. */
export const seriesQuery = (jobId: string, range: TimeRange | null, points: number, wanted = 0) =>
  queryOptions({
    queryKey: ['preview', jobId, 'series', range?.start ?? null, range?.end ?? null, points],
    queryFn: async () => {
      const answer = await invoke('preview.series', { jobId, points, ...(range ? { range } : {}) });
      // For `npm run bench` (bench/cases/renderer.ts): when a preview's points arrived, checked.
      performance.mark('preview:arrived');
      return answer;
    },
    staleTime: Infinity,
    placeholderData: keepPreviousData,
    refetchInterval: whileBehind(wanted),
  });

export const statsQuery = (jobId: string, wanted = 0) =>
  queryOptions({
    queryKey: ['preview', jobId, 'stats'],
    queryFn: () => invoke('preview.stats', { jobId }),
    staleTime: Infinity,
    refetchInterval: whileBehind(wanted),
  });

/** A page of rows from row `offset`, or from the first row at or after the instant `at`. */
export type RowsFrom = { offset: number } | { at: number };

export const rowsQuery = (jobId: string, from: RowsFrom, limit: number, following = false) =>
  queryOptions({
    queryKey: ['preview', jobId, 'rows', 'at' in from ? `at:${from.at}` : from.offset, limit],
    queryFn: () => invoke('preview.rows', { jobId, limit, ...from }),
    staleTime: Infinity,
    placeholderData: keepPreviousData,
    // Rows of a chunk added later may land before this page: look again now and then.
    refetchInterval: following ? 2000 : false,
  });

/**
 * While a job's chunks arrive, every answer of its preview on screen is asked again when one more
 * is in (and once more when the job is complete); answers not on screen are marked stale and asked
 * again when they are shown.
 */
export function useFollowChunks(jobId: string | null, chunksDone: number, complete: boolean): void {
  const client = useQueryClient();
  const seen = useRef<{ jobId: string | null; chunksDone: number; complete: boolean } | null>(null);
  useEffect(() => {
    const before = seen.current;
    seen.current = { jobId, chunksDone, complete };
    // Nothing was shown of this job before (a new job, or its first chunk): its answers are being asked for already.
    if (!jobId || before?.jobId !== jobId || before.chunksDone === 0) return;
    if (before.chunksDone === chunksDone && before.complete === complete) return;
    void client.invalidateQueries({ queryKey: ['preview', jobId] });
  }, [client, jobId, chunksDone, complete]);
}
