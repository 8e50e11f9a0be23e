import { queryOptions } from '@tanstack/react-query';
import { invoke } from '../../lib/bridge';

/** The conditions' periods of a job, asked again as its chunks come in (`chunksDone` is in the key). */
export const conditionsQuery = (jobId: string, chunksDone: number) =>
  queryOptions({
    queryKey: ['preview', jobId, 'conditions', chunksDone],
    queryFn: () => invoke('preview.conditions', { jobId }),
    staleTime: Infinity,
  });
