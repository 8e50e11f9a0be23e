import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExportRequest, JobStatus } from '../../../../src-preload/contract';
import { invoke, subscribe } from '../../lib/bridge';
import { isRunning, jobQuery } from '../../features/exports/api';
import type { ExportJob } from '../../features/exports/export-job';

const Context = createContext<ExportJob | null>(null);

/** The export the window is showing: started here, resumed, or opened from history. One at a time. */
export function JobProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [lastRequest, setLastRequest] = useState<ExportRequest | null>(null);
  const status = useQuery({ ...jobQuery(jobId ?? ''), enabled: jobId !== null });

  useEffect(() => {
    if (!jobId) return;
    return subscribe('exports.progress', (p) => {
      if (p.jobId !== jobId) return;
      client.setQueryData(jobQuery(jobId).queryKey, (old) => (old && old.updatedAt > p.updatedAt ? old : p));
    });
  }, [client, jobId]);

  const startMutation = useMutation({ mutationFn: (request: ExportRequest) => invoke('exports.start', request) });
  const resumeMutation = useMutation({ mutationFn: (id: string) => invoke('exports.resume', { jobId: id }) });
  const { mutateAsync: startJob, reset: resetStart } = startMutation;
  const { mutateAsync: resumeJob, reset: resetResume } = resumeMutation;
  const start = useCallback(
    async (request: ExportRequest) => {
      setLastRequest(request);
      setJobId(null);
      resetResume();
      // A failure is the mutation's error, which the export bar shows (startError).
      const started = await startJob(request).catch(() => null);
      if (started) {
        // The job may already have moved on before we subscribed: ask once, events do the rest.
        await client.invalidateQueries({ queryKey: jobQuery(started.jobId).queryKey });
        setJobId(started.jobId);
      }
    },
    [client, startJob, resetResume],
  );

  const adopt = useCallback(
    (s: JobStatus) => {
      resetStart();
      resetResume();
      client.setQueryData(jobQuery(s.jobId).queryKey, (old) => (old && old.updatedAt > s.updatedAt ? old : s));
      setLastRequest(s.request);
      setJobId(s.jobId);
    },
    [client, resetStart, resetResume],
  );

  const resume = useCallback(
    async (id: string) => {
      resetStart();
      // As above: shown as startError.
      const resumed = await resumeJob(id).catch(() => null);
      if (resumed) adopt(resumed);
      return resumed;
    },
    [adopt, resetStart, resumeJob],
  );

  const current = status.data ?? null;
  const cancelMutation = useMutation({
    mutationFn: (id: string) => invoke('exports.cancel', { jobId: id }),
    onSuccess: (s) => client.setQueryData(jobQuery(s.jobId).queryKey, s),
  });
  const { mutate: cancelJob } = cancelMutation;
  const cancel = useCallback(() => {
    if (jobId && (isRunning(current) || !current)) cancelJob(jobId);
  }, [cancelJob, current, jobId]);

  const value = useMemo<ExportJob>(
    () => ({
      jobId,
      status: current,
      startError: startMutation.error ?? resumeMutation.error,
      starting: startMutation.isPending || resumeMutation.isPending,
      statusError: status.error,
      start,
      cancel,
      resume,
      adopt,
      lastRequest,
    }),
    [
      jobId,
      current,
      startMutation.error,
      startMutation.isPending,
      resumeMutation.error,
      resumeMutation.isPending,
      status.error,
      start,
      cancel,
      resume,
      adopt,
      lastRequest,
    ],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useJob(): ExportJob {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useJob outside JobProvider');
  return ctx;
}
