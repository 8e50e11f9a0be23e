import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isEndedStage, type AppErrorData, type ExportRequest, type JobStage, type JobStatus } from '../../../src-preload/contract';
import type { ApiTarget } from '../../connections/service';
import { AppError, toErrorData } from '../../errors/app-error';
import { createNortechClient, type NortechClientOptions } from '../../nortech/client';
import { manifestStore, readManifest, type Manifest, type ManifestStore } from '../manifest/manifest';
import { DEFAULT_PLAN, type PlanOptions } from '../plan/chunk-plan';
import { chunkAlign, wholeBuckets } from '../plan/whole-buckets';
import { runChunks, type ChunkLive } from '../run/chunk-runner';
import { chunkSteps, columnSpecs, type DownloadTuning } from '../run/chunk-steps';
import { jobProgress } from '../run/job-progress';
import type { IngestTask } from '../worker/ingest-chunk';
import type { WorkerPool } from '../worker/worker-pool';
import { jobKey } from './job-key';
import type { JobPreview, PreviewFactory } from './job-preview';
import { jobResult } from './job-result';
import { rawColumns } from '../to-file/output-columns';

/*
 * The window's export jobs. `start` answers an ID at once; the job then runs its plan of chunks
 * (see run/chunk-runner.ts) in its own folder of the cache, each chunk read in an export worker
 * into the job's preview data, which answers the window while later chunks still arrive. Every
 * change is emitted (a few times a second at most); identical work in flight is joined; Cancel
 * stops every chunk and keeps the finished ones, so Resume goes on from there, even in a later
 * session (the job's manifest is on disk).
 */

export interface HistoryRecorder {
  /** The job as it is now (at start, at its end), with its folder. */
  record(status: JobStatus, dir: string | null): Promise<void>;
  addSavedPath(jobId: string, path: string): Promise<void>;
}

export interface ExportServiceOptions {
  /** Where job folders go. */
  cacheDir: string;
  version: string;
  resolveTarget(connectionId: string): Promise<ApiTarget>;
  pool: WorkerPool;
  preview: PreviewFactory;
  /** The reading task of a chunk beyond decoding: the preview's store and summary. */
  previewTask(dir: string, manifest: Manifest, chunk: { name: string }): Pick<IngestTask, 'preview'>;
  concurrency(): Promise<number>;
  emit?: (status: JobStatus) => void;
  history?: HistoryRecorder;
  client?: Omit<NortechClientOptions, 'apiUrl' | 'apiKey' | 'version'>;
  download?: DownloadTuning;
  plan?: Partial<PlanOptions>;
  /** A job ended (ready, failed, cancelled): the cache may be trimmed. */
  onEnded?: () => void;
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

interface Job {
  id: string;
  key: string;
  dir: string;
  request: ExportRequest;
  startedAt: number;
  updatedAt: number;
  stage: JobStage;
  error?: AppErrorData;
  manifest: ManifestStore | null;
  live: ReadonlyMap<string, ChunkLive>;
  controller: AbortController;
  finished: Promise<void>;
  recorded: Promise<void>;
  preview: JobPreview | null;
  /** Chunks being added to the preview, one after another. */
  adding: Promise<void>;
  apiUrl: string | null;
  lastEmit: number;
  /** A throttled event, to be sent when the throttle allows. */
  trailing?: ReturnType<typeof setTimeout>;
}

const EMIT_EVERY_MS = 200;

export function createExportService(opts: ExportServiceOptions) {
  const now = opts.now ?? Date.now;
  const jobs = new Map<string, Job>();
  const inFlight = new Map<string, string>();

  function statusOf(job: Job): JobStatus {
    const m = job.manifest?.get();
    const progress = m
      ? jobProgress(m, job.live, now() - job.startedAt)
      : { phase: 'planning' as const, fraction: 0, chunksDone: 0, chunksTotal: 0, rows: 0, bytes: 0, etaMs: null, retrying: [] };
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

  /**
   * A few events a second at most; one throttled is sent when its time comes (a retry reported
   * during a Retry-After wait would otherwise reach the window only with the next change).
   */
  function emit(job: Job, force = false): void {
    const t = now();
    if (!force && t - job.lastEmit < EMIT_EVERY_MS) {
      job.trailing ??= setTimeout(
        () => {
          job.trailing = undefined;
          if (!isEndedStage(job.stage)) emit(job, true);
        },
        EMIT_EVERY_MS - (t - job.lastEmit),
      );
      return;
    }
    if (job.trailing) clearTimeout(job.trailing);
    job.trailing = undefined;
    job.lastEmit = t;
    job.updatedAt = t;
    opts.emit?.(statusOf(job));
  }

  function remember(job: Job): void {
    const write = opts.history?.record(statusOf(job), job.dir).catch(() => undefined);
    if (write) job.recorded = job.recorded.then(() => write);
  }

  function end(job: Job, stage: JobStage, error?: unknown): void {
    if (isEndedStage(job.stage)) return;
    job.stage = stage;
    if (error !== undefined) job.error = toErrorData(error);
    job.updatedAt = now();
    if (inFlight.get(job.key) === job.id) inFlight.delete(job.key);
    remember(job);
    emit(job, true);
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
    const m = job.manifest?.get();
    if (!m) throw new AppError('not-found', 'This export has no data to show yet.', { hint: 'Wait for its first chunk.' });
    job.preview ??= opts.preview({ dir: job.dir, manifest: m });
    return job.preview;
  }

  async function run(job: Job): Promise<void> {
    const { signal } = job.controller;
    try {
      const target = await opts.resolveTarget(job.request.connectionId);
      job.apiUrl = target.apiUrl;
      await mkdir(job.dir, { recursive: true });
      job.manifest ??= manifestStore(job.dir, newManifest(job, target.apiUrl));
      await job.manifest.update((m) => m);
      const manifest = job.manifest;
      const client = createNortechClient({ ...opts.client, ...target, version: opts.version });
      const steps = chunkSteps({
        client,
        request: job.request,
        dir: job.dir,
        pool: opts.pool,
        download: opts.download,
        readTask: (c) => ({
          op: 'ingest',
          disk: 'cache',
          specs: columnSpecs(job.request),
          rawColumns: rawColumns(job.request),
          slice: { start: c.start, end: c.end },
          values: job.request.values,
          ...opts.previewTask(job.dir, manifest.get(), c),
        }),
        outputsIntact: async () => true,
      });
      await runChunks({
        manifest,
        steps,
        concurrency: await opts.concurrency(),
        plan: { ...DEFAULT_PLAN, align: chunkAlign(job.request.values), ...opts.plan },
        signal,
        log: opts.client?.log?.child({ jobId: job.id }),
        onChange: (live) => {
          job.live = live;
          emit(job);
        },
        onChunkDone: (chunk) => {
          const m = manifest.get();
          const done = m.chunks.find((c) => c.name === chunk.name) ?? chunk;
          // In order of arrival: the job is ready only once its last chunk is in the preview.
          job.adding = job.adding
            .then(() => previewOf(job).addChunk(done, m.chunks.length))
            .then(() => emit(job, true))
            .catch(() => undefined);
        },
      });
      await job.adding;
      if (jobResult(manifest.get()).rowCount === 0) {
        throw new AppError('no-data', 'None of the signals has data in this time window.', {
          hint: 'Choose a wider or earlier time window.',
        });
      }
      end(job, 'ready');
    } catch (error) {
      // Cancelled: cancel() has set the stage. The folder stays for Resume.
      if (!signal.aborted) end(job, 'failed', error);
    }
  }

  function newManifest(job: Job, apiUrl: string | null): Manifest {
    return {
      kind: 'signal-explorer-export-manifest',
      version: 1,
      jobId: job.id,
      createdAt: job.startedAt,
      request: job.request,
      apiUrl,
      measured: { rows: 0, ms: 0 },
      planned: false,
      chunks: [],
    };
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
      manifest: null,
      live: new Map(),
      controller: new AbortController(),
      finished: Promise.resolve(),
      recorded: Promise.resolve(),
      preview: null,
      adding: Promise.resolve(),
      apiUrl: null,
      lastEmit: 0,
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
    emit(job, true);
    job.finished = run(job).then(() => job.recorded);
  }

  const view = (job: Job): ExportJob => ({
    id: job.id,
    dir: job.dir,
    status: () => statusOf(job),
    manifest: () => job.manifest?.get() ?? null,
    apiUrl: () => job.apiUrl,
    preview: () => previewOf(job),
  });

  return {
    /** Starts a job, or answers the ID of the identical one still running. */
    start(asked: ExportRequest): string {
      // An aggregated export covers whole buckets (its window widened to their borders).
      const request = wholeBuckets(asked);
      const running = inFlight.get(jobKey(request));
      if (running) return running;
      const job = newJob(randomUUID(), request, 'running');
      launch(job);
      return job.id;
    },

    status: (jobId: string): JobStatus => statusOf(get(jobId)),

    /** Stops every chunk in flight; finished chunks stay for Resume. A no-op once it has ended. */
    cancel(jobId: string): JobStatus {
      const job = get(jobId);
      if (!isEndedStage(job.stage)) {
        job.controller.abort();
        end(job, 'cancelled');
      }
      return statusOf(job);
    },

    /** Goes on with a cancelled, failed or interrupted job: its finished chunks are not asked for again. */
    async resume(jobId: string, fromHistory?: { request: ExportRequest; startedAt: number; dir: string }): Promise<JobStatus> {
      let job = jobs.get(jobId);
      if (!job && fromHistory) {
        const m = await readManifest(fromHistory.dir);
        if (!m)
          throw new AppError('not-found', "This export's chunks are no longer in the cache.", {
            hint: 'Run it again: its request is kept.',
          });
        job = newJob(jobId, m.request, 'interrupted', fromHistory.startedAt);
        job.manifest = manifestStore(job.dir, m);
      }
      if (!job) throw new AppError('not-found', 'This export is no longer known.', { hint: 'Run it again.' });
      if (job.stage === 'running' || job.stage === 'ready') return statusOf(job);
      await job.finished;
      launch(job);
      return statusOf(job);
    },

    /** Resolves once the job has ended (ready, failed or cancelled) and its history entry is written. */
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

    /** Opens a past job from its folder (History): its preview answers from its summaries, nothing is decoded. */
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
      job.manifest = manifestStore(job.dir, m);
      job.apiUrl = m.apiUrl;
      const preview = previewOf(job);
      for (const c of m.chunks) if (c.state === 'done') await preview.addChunk(c, m.chunks.length);
      return statusOf(job);
    },

    /** Drops a job from memory (cancelling it if it runs): its history entry was removed. */
    async forget(jobId: string): Promise<void> {
      const job = jobs.get(jobId);
      if (!job) return;
      if (!isEndedStage(job.stage)) this.cancel(jobId);
      await job.finished;
      await job.preview?.close();
      jobs.delete(jobId);
    },

    /** Jobs whose folders must stay: running, or open in this session. */
    pinned: (): Set<string> => new Set(jobs.keys()),

    /** Cancels everything still running (app shutdown). */
    async close(): Promise<void> {
      const running = [...jobs.values()].filter((j) => !isEndedStage(j.stage));
      for (const job of running) this.cancel(job.id);
      await Promise.all([...jobs.values()].map((j) => j.finished));
      await Promise.all([...jobs.values()].map((j) => j.preview?.close()));
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
