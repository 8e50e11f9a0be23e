import { queryOptions } from '@tanstack/react-query';
import type { JobStage, JobStatus } from '../../../../src-preload/contract';
import { invoke } from '../../lib/bridge';

export const TERMINAL: ReadonlySet<JobStage> = new Set(['ready', 'failed', 'cancelled']);
export const isRunning = (s: JobStatus | undefined | null) => !!s && !TERMINAL.has(s.stage);

/**
 * A job's status. Progress events keep it fresh; the slow poll is the safety net for an event
 * stream that reconnected and missed one. Its `queryKey` is the one key of a job's status.
 */
export const jobQuery = (jobId: string) =>
  queryOptions({
    queryKey: ['job', jobId],
    queryFn: () => invoke('exports.status', { jobId }),
    refetchInterval: (q) => (q.state.data && TERMINAL.has(q.state.data.stage) ? false : 2000),
    staleTime: Infinity,
  });
