import type { ExportRequest, JobStatus } from '../../../../src-preload/contract';

/** The export the window is showing, as its controls and its preview need it. One at a time. */
export interface ExportJob {
  jobId: string | null;
  status: JobStatus | null;
  /** exports.start itself failed (before any job existed). */
  startError: Error | null;
  starting: boolean;
  /** The job's status could not be read (e.g. the app restarted and forgot the job). */
  statusError: Error | null;
  start(request: ExportRequest): Promise<void>;
  cancel(): void;
  /** Show a job that already exists (history.open answers a ready one). */
  adopt(status: JobStatus): void;
  lastRequest: ExportRequest | null;
}
