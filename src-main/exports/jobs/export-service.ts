import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ColumnInfo, ExportRequest, JobStage, JobStatus } from '../../../src-preload/contract';
import type { ApiTarget } from '../../connections/service';
import { AppError, toErrorData } from '../../errors/app-error';
import { createNortechClient, type NortechClientOptions } from '../../nortech/client';
import { toWireRequest } from '../../nortech/to-domain';
import { decodeInWorker } from '../decode/run-worker';
import { downloadFile, type DownloadOptions } from '../download/download-file';
import { batchBytes, type RowBatch } from '../../formats/row-batch';
import { jobKey } from './job-key';
import { columnHints, matchColumns } from './match-columns';

/*
 * Export jobs: start answers an ID at once; the job then asks Nortech for the file (requesting),
 * streams it into the cache (downloading, with bytes), reads it in a worker (decoding) and is
 * ready for preview and save. Every change is emitted; one AbortController per job reaches every
 * stage; identical work in flight is joined, not repeated.
 */

export interface HistoryRecorder {
  /** The job as it is now (called at start and at its end), with its cached file if any. */
  record(status: JobStatus, cacheFile: string | null): Promise<void>;
  addSavedPath(jobId: string, path: string): Promise<void>;
}

export interface ExportServiceOptions {
  cacheDir: string;
  version: string;
  resolveTarget(connectionId: string): Promise<ApiTarget>;
  emit?: (status: JobStatus) => void;
  history?: HistoryRecorder;
  client?: Omit<NortechClientOptions, 'apiUrl' | 'apiKey' | 'version'>;
  download?: Pick<DownloadOptions, 'connectTimeoutMs' | 'idleTimeoutMs' | 'maxTries' | 'retryDelayMs' | 'maxBytes' | 'deadlineMs'>;
  /**
   * Bytes of decoded tables kept in memory beyond the most recently used one (default 512 MB);
   * older ones are read again from the cache when needed. Bounds memory when many exports are open.
   */
  tableMemoryBudget?: number;
  now?: () => number;
}

export interface Job {
  status: JobStatus;
  key: string;
  controller: AbortController;
  /** The last stage it was working in: where a failure happened. */
  activeStage: JobStage;
  cacheFile: string | null;
  apiUrl: string | null;
  table: RowBatch | null;
  loading: Promise<RowBatch> | null;
  columns: ColumnInfo[];
  finished: Promise<void>;
  /** The latest history write, so that `wait` ends only once the outcome is on disk. */
  recorded: Promise<void>;
  lastUsed: number;
}

const TERMINAL = new Set<JobStage>(['ready', 'failed', 'cancelled']);
export const isTerminal = (stage: JobStage) => TERMINAL.has(stage);

export function createExportService(opts: ExportServiceOptions) {
  const now = opts.now ?? Date.now;
  const jobs = new Map<string, Job>();
  const inFlight = new Map<string, string>();

  const emit = (job: Job) => opts.emit?.(job.status);
  const remember = (job: Job) => {
    const write = opts.history?.record(job.status, job.cacheFile).catch(() => undefined);
    if (write) job.recorded = job.recorded.then(() => write);
  };

  function update(job: Job, patch: Partial<JobStatus>): void {
    if (isTerminal(job.status.stage)) return;
    job.status = { ...job.status, ...patch, updatedAt: now() };
    if (!isTerminal(job.status.stage)) job.activeStage = job.status.stage;
    else {
      if (inFlight.get(job.key) === job.status.jobId) inFlight.delete(job.key);
      remember(job);
    }
    emit(job);
  }

  function get(jobId: string): Job {
    const job = jobs.get(jobId);
    if (!job)
      throw new AppError('not-found', 'This export is no longer known (the app may have restarted).', { hint: 'Run the export again.' });
    return job;
  }

  function releaseTables(): void {
    for (const job of jobs.values()) if (job.table && job.cacheFile && !job.loading) job.table = null;
  }

  /** Keeps the most recently used table, and others while they fit the budget; drops the rest. */
  function evictTables(): void {
    const held = [...jobs.values()].filter((j) => j.table && j.cacheFile).sort((a, b) => b.lastUsed - a.lastUsed);
    let room = opts.tableMemoryBudget ?? 512 * 1024 * 1024;
    for (const [i, job] of held.entries()) {
      if (i === 0) continue;
      room -= batchBytes(job.table!);
      if (room < 0) job.table = null;
    }
  }

  async function decode(job: Job, signal?: AbortSignal): Promise<RowBatch> {
    const request = job.status.request;
    const raw = await decodeInWorker(job.cacheFile!, request.format, columnHints(request.signals), signal);
    const { table, columns } = matchColumns(raw, request.signals);
    job.columns = columns;
    return table;
  }

  async function run(job: Job): Promise<void> {
    const { signal } = job.controller;
    const request = job.status.request;
    try {
      const target = await opts.resolveTarget(request.connectionId);
      job.apiUrl = target.apiUrl;
      const client = createNortechClient({ ...opts.client, ...target, version: opts.version });
      const answer = await client.requestDataSync(toWireRequest(request), signal);
      update(job, { stage: 'downloading', requestId: answer.requestId, bytesDone: 0 });
      await mkdir(opts.cacheDir, { recursive: true });
      const dest = join(opts.cacheDir, `${job.status.jobId}.${request.format}`);
      let lastEmit = 0;
      const { bytes } = await downloadFile({
        ...opts.download,
        url: answer.outputFile,
        dest,
        signal,
        parquet: request.format === 'parquet',
        onProgress: (bytesDone, bytesTotal) => {
          const t = now();
          if (t - lastEmit < 100 && bytesDone !== bytesTotal) return;
          lastEmit = t;
          update(job, { bytesDone, ...(bytesTotal !== undefined ? { bytesTotal } : {}) });
        },
      });
      job.cacheFile = dest;
      update(job, { stage: 'decoding', bytesDone: bytes });
      // A decode peaks at several times its table's size: let earlier tables go first (they are
      // read again from the cache if the user goes back to them).
      releaseTables();
      const table = await decode(job, signal);
      signal.throwIfAborted();
      job.table = table;
      job.lastUsed = now();
      const ts = table.timestamps;
      update(job, {
        stage: 'ready',
        result: {
          rowCount: table.rowCount,
          fileBytes: bytes,
          format: request.format,
          timeRange: table.rowCount ? { start: ts[0]!, end: ts[table.rowCount - 1]! } : null,
          columns: job.columns,
        },
      });
      evictTables();
    } catch (error) {
      // Cancelled: cancel() has set the stage; what is left here is the cached file.
      if (!signal.aborted) update(job, { stage: 'failed', error: toErrorData(error) });
      await dropCache(job);
    }
  }

  async function dropCache(job: Job): Promise<void> {
    if (job.cacheFile) await rm(job.cacheFile, { force: true }).catch(() => undefined);
    job.cacheFile = null;
  }

  function newJob(request: ExportRequest, jobId: string, stage: JobStage): Job {
    const t = now();
    const job: Job = {
      status: { jobId, stage, request, startedAt: t, updatedAt: t },
      key: jobKey(request),
      controller: new AbortController(),
      activeStage: stage,
      cacheFile: null,
      apiUrl: null,
      table: null,
      loading: null,
      columns: [],
      finished: Promise.resolve(),
      recorded: Promise.resolve(),
      lastUsed: t,
    };
    jobs.set(jobId, job);
    return job;
  }

  return {
    /** Starts a job, or answers the ID of the identical one still running. */
    start(request: ExportRequest): string {
      const key = jobKey(request);
      const running = inFlight.get(key);
      if (running) return running;
      const job = newJob(request, randomUUID(), 'requesting');
      inFlight.set(key, job.status.jobId);
      emit(job);
      remember(job);
      job.finished = run(job).then(() => job.recorded);
      return job.status.jobId;
    },

    status: (jobId: string): JobStatus => get(jobId).status,

    /** Stops a job at whatever stage; a no-op once it has ended. */
    cancel(jobId: string): JobStatus {
      const job = get(jobId);
      if (isTerminal(job.status.stage)) return job.status;
      job.controller.abort();
      update(job, { stage: 'cancelled' });
      return job.status;
    },

    /** Resolves once the job has ended (ready, failed or cancelled). */
    async wait(jobId: string): Promise<Job> {
      const job = get(jobId);
      await job.finished;
      return job;
    },

    job: get,
    peek: (jobId: string): Job | undefined => jobs.get(jobId),

    /** Drops a job from memory (cancelling it if it runs): its history entry was removed. */
    forget(jobId: string): void {
      const job = jobs.get(jobId);
      if (!job) return;
      if (!isTerminal(job.status.stage)) this.cancel(jobId);
      jobs.delete(jobId);
    },

    /** A ready job's table, read again from the cache if it was dropped from memory. */
    async table(jobId: string): Promise<{ table: RowBatch; columns: ColumnInfo[]; job: Job }> {
      const job = get(jobId);
      if (job.status.stage !== 'ready') {
        throw new AppError('not-found', 'This export has no data to show yet.', { hint: 'Wait until it is ready, or run it again.' });
      }
      job.lastUsed = now();
      if (!job.table) {
        if (!job.cacheFile) throw new AppError('not-found', "This export's file is no longer cached.", { hint: 'Run the export again.' });
        job.loading ??= decode(job).finally(() => (job.loading = null));
        job.table = await job.loading;
        evictTables();
      }
      return { table: job.table, columns: job.columns, job };
    },

    /** Opens a cached file of an earlier run (history) as a ready job under the same ID. */
    async adopt(entry: {
      id: string;
      request: ExportRequest;
      requestId?: number;
      cacheFile: string;
      apiUrl?: string | null;
    }): Promise<JobStatus> {
      const existing = jobs.get(entry.id);
      if (existing && existing.status.stage === 'ready') return existing.status;
      const job = newJob(entry.request, entry.id, 'decoding');
      job.cacheFile = entry.cacheFile;
      job.apiUrl = entry.apiUrl ?? null;
      const table = await decode(job);
      job.table = table;
      const ts = table.timestamps;
      const { size } = await stat(entry.cacheFile);
      job.status = {
        ...job.status,
        stage: 'ready',
        updatedAt: now(),
        ...(entry.requestId !== undefined ? { requestId: entry.requestId } : {}),
        result: {
          rowCount: table.rowCount,
          fileBytes: size,
          format: entry.request.format,
          timeRange: table.rowCount ? { start: ts[0]!, end: ts[table.rowCount - 1]! } : null,
          columns: job.columns,
        },
      };
      evictTables();
      return job.status;
    },

    /** Cancels everything still running (app shutdown). */
    async close(): Promise<void> {
      const running = [...jobs.values()].filter((j) => !isTerminal(j.status.stage));
      for (const job of running) this.cancel(job.status.jobId);
      await Promise.all(running.map((j) => j.finished));
    },

    options: opts,
  };
}

export type ExportService = ReturnType<typeof createExportService>;
