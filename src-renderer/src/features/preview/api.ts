import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { TimeRange } from '../../../../src-preload/contract';
import { invoke } from '../../lib/bridge';

/** The chart's points for a range; a job's data never changes, so answers are kept. */
export const seriesQuery = (jobId: string, range: TimeRange | null, points: number) =>
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
  });

export const statsQuery = (jobId: string) =>
  queryOptions({
    queryKey: ['preview', jobId, 'stats'],
    queryFn: () => invoke('preview.stats', { jobId }),
    staleTime: Infinity,
  });

export const rowsQuery = (jobId: string, offset: number, limit: number) =>
  queryOptions({
    queryKey: ['preview', jobId, 'rows', offset, limit],
    queryFn: () => invoke('preview.rows', { jobId, offset, limit }),
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
