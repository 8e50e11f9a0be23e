import type { ExportRequest, JobStatus } from '../../../../src-preload/contract';

/** The export the window is showing, as its controls and its preview need it. One at a time. */
export interface ExportJob {
  jobId: string | null;
  status: JobStatus | null;
  /** exports.start or exports.resume itself failed (before the job moved). */
  startError: Error | null;
  starting: boolean;
  /** The job's status could not be read (e.g. the app restarted and forgot the job). */
  statusError: Error | null;
  start(request: ExportRequest): Promise<void>;
  cancel(): void;
  /** Goes on with a stopped job (this one, or one from History) from its finished chunks. */
  resume(jobId: string): Promise<JobStatus | null>;
  /** Show a job that already exists (history.open answers it). */
  adopt(status: JobStatus): void;
  lastRequest: ExportRequest | null;
}
