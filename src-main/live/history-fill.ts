import type { ExportRequest, JobStatus, SelectedSignal, Series, TimeRange } from '../../src-preload/contract';
import { AppError } from '../errors/app-error';

/*
 * The history that fills the live charts: a small export of the last minutes, run by the export
 * service the window uses (its chunks, retries and preview), read back as the preview's series.
 * Live downloads nothing on its own. Once read, the export is discarded: it is the charts', not a
 * file the user asked for, and stays out of History.
 */

/** What the fill needs of the export service: its public calls only. */
export interface ExportRunner {
  start(request: ExportRequest): string;
  /** Resolves once the job has ended (ready, failed or cancelled). */
  wait(jobId: string): Promise<JobStatus>;
  /** The preview's series of a ready job over `range`, about `points` points each. */
  series(jobId: string, range: TimeRange, points: number): Promise<{ series: Series[] }>;
  cancel(jobId: string): unknown;
  /** Forget the job and its data (History included). */
  discard(jobId: string): Promise<void>;
}

export interface FillRequest {
  connectionId: string;
  signals: SelectedSignal[];
  /** Epoch ms, [start, end). */
  start: number;
  end: number;
}

export type HistoryFill = (request: FillRequest, signal: AbortSignal) => Promise<Series[]>;

/**
 * Points asked of the preview per signal: an hour of a 1 s signal (3,600 rows) comes back as at
 * most ~4 per column of 1,000 (M4), under the ring's 8,192; 5 and 15 minutes come back whole.
 */
export const FILL_POINTS = 1_000;

export function exportFill(runner: ExportRunner): HistoryFill {
  return async (req, signal) => {
    const jobId = runner.start({
      connectionId: req.connectionId,
      signals: req.signals,
      timeWindow: { start: new Date(req.start).toISOString(), end: new Date(req.end).toISOString() },
      format: 'parquet',
      values: { kind: 'raw' },
    });
    const cancel = () => runner.cancel(jobId);
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const status = await runner.wait(jobId);
      if (signal.aborted) throw new AppError('cancelled', 'Cancelled.');
      if (status.stage !== 'ready') {
        throw status.error
          ? new AppError(status.error.kind, status.error.message, status.error.details)
          : new AppError('cancelled', 'Cancelled.');
      }
      return (await runner.series(jobId, { start: req.start, end: req.end }, FILL_POINTS)).series;
    } finally {
      signal.removeEventListener('abort', cancel);
      await runner.discard(jobId).catch(() => undefined);
    }
  };
}
