import { queryOptions } from '@tanstack/react-query';
import { isEndedStage, type JobStatus } from '../../../../src-preload/contract';
import { invoke } from '../../lib/bridge';

export const isRunning = (s: JobStatus | undefined | null) => !!s && !isEndedStage(s.stage);

/** Stopped before the end with chunks kept: Resume goes on from them. */
export const canResume = (s: JobStatus | undefined | null) =>
  !!s && (s.stage === 'cancelled' || s.stage === 'failed' || s.stage === 'interrupted');

/**
 * A job's status. Progress events keep it fresh; the poll is the safety net for an event stream
 * that reconnected and missed one, and for a state the main process's throttled events skipped (a
 * chunk waiting to be tried again emits once, and that event may fall in the throttle's gap). Its
 * `queryKey` is the one key of a job's status.
 */
export const jobQuery = (jobId: string) =>
  queryOptions({
    queryKey: ['job', jobId],
    queryFn: () => invoke('exports.status', { jobId }),
    refetchInterval: (q) => (q.state.data && isEndedStage(q.state.data.stage) ? false : 1000),
    staleTime: Infinity,
  });
