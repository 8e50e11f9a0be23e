import type { Logger } from '../../log/logger';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { isEndedStage, type AppErrorData, type ExportRequest, type JobStage, type JobStatus } from '../../../src-preload/contract';
import type { ApiTarget } from '../../connections/service';
import { AppError, toErrorData } from '../../errors/app-error';
import { readManifest, type Manifest } from '../manifest/manifest';
import type { PlanOptions } from '../plan/chunk-plan';
import { wholeBuckets } from '../plan/whole-buckets';
import type { ExportSession, ExportSessions, OutputSpecs } from '../session/export-session';
import { jobProgress } from '../session/session-progress';
import { jobKey } from './job-key';
import type { JobPreview } from './job-preview';
import { jobResult } from './job-result';
import { previewFactory } from './preview-wiring';

/*
 * The window's export jobs. `start` answers an ID at once; the job then runs as an export session
 * (session/start-session.ts) in its own folder of the cache, with the preview as its output: each
 * chunk read in an export worker into the job's preview data, which answers the window while later
 * chunks still arrive. Every change is emitted (a few times a second at most); identical work in
 * flight is joined; Cancel stops every chunk and keeps the finished ones, so Resume goes on from
 * there, even in a later session of the app (the job's manifest is on disk).
 */

export interface HistoryRecorder {
  /** The job as it is now (at start, at its end), with its folder. */
  record(status: JobStatus, dir: string | null): Promise<void>;
  addSavedPath(jobId: string, path: string): Promise<void>;
}

export interface ExportServiceOptions {
  /** Where job folders go. */
  cacheDir: string;
  /** What runs each job. */
  sessions: ExportSessions;
  resolveTarget(connectionId: string): Promise<ApiTarget>;
  concurrency(): Promise<number>;
  emit?: (status: JobStatus) => void;
  history?: HistoryRecorder;
  plan?: Partial<PlanOptions>;
  /** A job ended (ready, failed, cancelled): the cache may be trimmed. */
  onEnded?: () => void;
  /** A job is ready (its held file may be made for Save…). */
  onReady?: (job: ExportJob) => void;
  /** Where each job's chunks tried again are told, under the job's ID. */
  log?: Logger;
  now?: () => number;
}

/** A job as the rest of the main process sees it: read-only facts and its preview. */
export interface ExportJob {
  readonly id: string;
  readonly dir: string;
  status(): JobStatus;
  manifest(): Manifest | null;
  apiUrl(): string | null;
  preview(): JobPreview;
}

/** The window's export jobs, as the handlers see them. */
export interface ExportService {
  /** Starts a job, or answers the ID of the identical one still running; with `file` (and `conditions`), the job also saves them (a recipe's run). */
  start(request: ExportRequest, file?: FileSpec, conditions?: ConditionsSpec): string;
  status(jobId: string): JobStatus;
  /**
   * Stops every chunk in flight; finished chunks stay for Resume. Resolves once the job has
   * stopped (cancelled, or ready when its last chunk landed as the cancel did) and its history
   * entry is written. A no-op once it has ended.
   */
  cancel(jobId: string): Promise<JobStatus>;
  /** Goes on with a cancelled, failed or interrupted job: its finished chunks are not asked for again. */
  resume(jobId: string, fromHistory?: { request: ExportRequest; startedAt: number; dir: string }): Promise<JobStatus>;
  /** Resolves once the job has ended (ready, failed or cancelled) and its history entry is written. */
  wait(jobId: string): Promise<JobStatus>;
  job(jobId: string): ExportJob;
  peek(jobId: string): ExportJob | undefined;
  /** Opens a past job from its folder (History): its preview answers from its summaries, nothing is decoded. */
  open(entry: { id: string; dir: string; startedAt: number; outcome: JobStage }): Promise<JobStatus>;
  /** Drops a job from memory (cancelling it if it runs): its history entry was removed. */
  forget(jobId: string): Promise<void>;
  /** Jobs whose folders must stay: running, or open in this session of the app. */
  pinned(): Set<string>;
  /** Cancels everything still running (app shutdown). */
  close(): Promise<void>;
}

type FileSpec = NonNullable<OutputSpecs['file']>;
type ConditionsSpec = NonNullable<OutputSpecs['conditions']>;

interface Job {
  id: string;
  /** A file the job saves beside its preview (a recipe's run): its path goes into History. */
  file?: FileSpec;
  /** The conditions' periods file it saves beside it. */
  conditions?: ConditionsSpec;
  key: string;
  dir: string;
  request: ExportRequest;
  startedAt: number;
  updatedAt: number;
  stage: JobStage;
  error?: AppErrorData;
  /** The run in progress, or the last one. */
  session: ExportSession | null;
  /** The manifest read from the job's folder (a job opened from History, or before it runs again). */
  stored: Manifest | null;
  controller: AbortController;
  finished: Promise<void>;
  recorded: Promise<void>;
  preview: JobPreview | null;
  apiUrl: string | null;
}

const NOT_STARTED: JobStatus['progress'] = {
  phase: 'planning',
  fraction: 0,
  chunksDone: 0,
  chunksTotal: 0,
  rows: 0,
  bytes: 0,
  etaMs: null,
  retrying: [],
};

export function createExportService(opts: ExportServiceOptions): ExportService {
  const now = opts.now ?? Date.now;
  const jobs = new Map<string, Job>();
  const inFlight = new Map<string, string>();

  const manifestOf = (job: Job): Manifest | null => job.session?.manifest() ?? job.stored;

  function statusOf(job: Job): JobStatus {
    const m = manifestOf(job);
    const progress = job.session ? job.session.progress() : m ? jobProgress(m, new Map(), 0) : NOT_STARTED;
    return {
      jobId: job.id,
      stage: job.stage,
      request: job.request,
      startedAt: job.startedAt,
      updatedAt: job.updatedAt,
      progress,
      ...(job.error ? { error: job.error } : {}),
      ...(m && job.stage !== 'running' ? { result: jobResult(m) } : {}),
    };
  }

  /** The session throttles its progress (a few events a second); stage changes are sent at once. */
  function emit(job: Job): void {
    job.updatedAt = now();
    opts.emit?.(statusOf(job));
  }

  function remember(job: Job): void {
    // The job goes on without its History entry: the log says why it is missing.
    const write = opts.history
      ?.record(statusOf(job), job.dir)
      .catch((error: unknown) => opts.log?.warn('Could not record an export in History', { jobId: job.id, err: error }));
    if (write) job.recorded = job.recorded.then(() => write);
  }

  function end(job: Job, stage: JobStage, error?: unknown): void {
    if (isEndedStage(job.stage)) return;
    job.stage = stage;
    if (error !== undefined) job.error = toErrorData(error);
    job.updatedAt = now();
    if (inFlight.get(job.key) === job.id) inFlight.delete(job.key);
    remember(job);
    emit(job);
    opts.onEnded?.();
  }

  function get(jobId: string): Job {
    const job = jobs.get(jobId);
    if (!job)
      throw new AppError('not-found', 'This export is no longer known (the app may have restarted).', {
        hint: 'Open it from History, or run it again.',
      });
    return job;
  }

  function previewOf(job: Job): JobPreview {
    const m = manifestOf(job);
    if (!m) throw new AppError('not-found', 'This export has no data to show yet.', { hint: 'Wait for its first chunk.' });
    job.preview ??= previewFactory({ dir: job.dir, manifest: m });
    return job.preview;
  }

  async function run(job: Job): Promise<void> {
    const { signal } = job.controller;
    try {
      const target = await opts.resolveTarget(job.request.connectionId);
      signal.throwIfAborted();
      job.apiUrl = target.apiUrl;
      const session = opts.sessions.start({
        request: job.request,
        connection: target,
        work: { kind: 'cache', dir: job.dir },
        existing: 'resume',
        chunks: { kind: 'measured' },
        ...(opts.plan ? { plan: opts.plan } : {}),
        concurrency: await opts.concurrency(),
        outputs: {
          preview: { feed: { addChunk: (chunk, total) => previewOf(job).addChunk(chunk, total) } },
          ...(job.file ? { file: job.file } : {}),
          ...(job.conditions ? { conditions: job.conditions } : {}),
        },
        signal,
        ...(opts.log ? { log: opts.log.child({ jobId: job.id }) } : {}),
        onProgress: () => emit(job),
      });
      job.session = session;
      const result = await session.done;
      if (result.file) await opts.history?.addSavedPath(job.id, result.file.path);
      if (result.conditions) await opts.history?.addSavedPath(job.id, result.conditions.path);
      end(job, 'ready');
      opts.onReady?.(view(job));
    } catch (error) {
      // Cancelled once the session has stopped, so that the chunks it says are kept are the ones
      // on disk (a chunk whose record was being written as the cancel landed is among them). The
      // folder stays for Resume.
      end(job, signal.aborted ? 'cancelled' : 'failed', signal.aborted ? undefined : error);
    }
  }

  function newJob(id: string, request: ExportRequest, stage: JobStage, startedAt = now()): Job {
    const job: Job = {
      id,
      key: jobKey(request),
      dir: join(opts.cacheDir, id),
      request,
      startedAt,
      updatedAt: now(),
      stage,
      session: null,
      stored: null,
      controller: new AbortController(),
      finished: Promise.resolve(),
      recorded: Promise.resolve(),
      preview: null,
      apiUrl: null,
    };
    jobs.set(id, job);
    return job;
  }

  function launch(job: Job): void {
    job.stage = 'running';
    job.error = undefined;
    job.controller = new AbortController();
    inFlight.set(job.key, job.id);
    remember(job);
    emit(job);
    job.finished = run(job).then(() => job.recorded);
  }

  const view = (job: Job): ExportJob => ({
    id: job.id,
    dir: job.dir,
    status: () => statusOf(job),
    manifest: () => manifestOf(job),
    apiUrl: () => job.apiUrl,
    preview: () => previewOf(job),
  });

  const service: ExportService = {
    start(asked: ExportRequest, file?: FileSpec, conditions?: ConditionsSpec): string {
      // An aggregated export covers whole buckets (its window widened to their borders).
      const request = wholeBuckets(asked);
      const key = file ? `${jobKey(request)}\u0000${file.path}` : jobKey(request);
      const running = inFlight.get(key);
      if (running) return running;
      const job = newJob(randomUUID(), request, 'running');
      if (file) {
        job.file = file;
        job.key = key;
      }
      if (conditions) job.conditions = conditions;
      launch(job);
      return job.id;
    },

    status: (jobId: string): JobStatus => statusOf(get(jobId)),

    async cancel(jobId: string): Promise<JobStatus> {
      const job = get(jobId);
      if (!isEndedStage(job.stage)) {
        job.controller.abort();
        // No identical request joins a job being cancelled.
        if (inFlight.get(job.key) === job.id) inFlight.delete(job.key);
      }
      await job.finished;
      return statusOf(job);
    },

    async resume(jobId: string, fromHistory?: { request: ExportRequest; startedAt: number; dir: string }): Promise<JobStatus> {
      let job = jobs.get(jobId);
      if (!job && fromHistory) {
        const m = await readManifest(fromHistory.dir);
        if (!m)
          throw new AppError('not-found', "This export's chunks are no longer in the cache.", {
            hint: 'Run it again: its request is kept.',
          });
        job = newJob(jobId, m.request, 'interrupted', fromHistory.startedAt);
        job.stored = m;
      }
      if (!job) throw new AppError('not-found', 'This export is no longer known.', { hint: 'Run it again.' });
      if (job.stage === 'running' || job.stage === 'ready') return statusOf(job);
      await job.finished;
      launch(job);
      return statusOf(job);
    },

    async wait(jobId: string): Promise<JobStatus> {
      const job = get(jobId);
      await job.finished;
      return statusOf(job);
    },

    job: (jobId: string): ExportJob => view(get(jobId)),
    peek: (jobId: string): ExportJob | undefined => {
      const job = jobs.get(jobId);
      return job && view(job);
    },

    async open(entry: { id: string; dir: string; startedAt: number; outcome: JobStage }): Promise<JobStatus> {
      const live = jobs.get(entry.id);
      if (live) return statusOf(live);
      const m = await readManifest(entry.dir);
      if (!m) throw new AppError('not-found', "This export's data is no longer cached.", { hint: 'Run it again: its request is kept.' });
      const complete = m.planned && m.chunks.every((c) => c.state === 'done');
      const job = newJob(
        entry.id,
        m.request,
        complete ? 'ready' : entry.outcome === 'running' ? 'interrupted' : entry.outcome,
        entry.startedAt,
      );
      job.stored = m;
      job.apiUrl = m.apiUrl;
      const preview = previewOf(job);
      for (const c of m.chunks) if (c.state === 'done') await preview.addChunk(c, m.chunks.length);
      return statusOf(job);
    },

    async forget(jobId: string): Promise<void> {
      const job = jobs.get(jobId);
      if (!job) return;
      if (!isEndedStage(job.stage)) await service.cancel(jobId);
      await job.finished;
      await job.preview?.close();
      jobs.delete(jobId);
    },

    pinned: (): Set<string> => new Set(jobs.keys()),

    async close(): Promise<void> {
      const running = [...jobs.values()].filter((j) => !isEndedStage(j.stage));
      await Promise.all(running.map((job) => service.cancel(job.id)));
      await Promise.all([...jobs.values()].map((j) => j.finished));
      await Promise.all([...jobs.values()].map((j) => j.preview?.close()));
    },
  };
  return service;
}
