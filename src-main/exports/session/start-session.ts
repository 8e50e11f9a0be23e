import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { JobProgress } from '../../../src-preload/contract';
import { AppError } from '../../errors/app-error';
import { createNortechClient, type NortechClientOptions } from '../../nortech/client';
import type { ChunkPart, ChunkRecord, Manifest, ManifestStore } from '../manifest/manifest';
import { DEFAULT_PLAN } from '../plan/chunk-plan';
import { chunkAlign } from '../plan/whole-buckets';
import { runChunks, type ChunkLive } from '../run/chunk-runner';
import { chunkSteps, type DownloadTuning } from '../run/chunk-steps';
import type { Downloader } from '../download/download-thread';
import { createWorkerPool, type WorkerPool } from '../worker/worker-pool';
import { doneInOrder } from './done-in-order';
import type { ExportSession, ExportSessions, SessionResult, SessionSpec } from './export-session';
import { datasetOutput } from './outputs/dataset-output';
import { fileOutput } from './outputs/file-output';
import { previewOutput } from './outputs/preview-output';
import type { OutputContext, OutputSaved, SessionOutput } from './outputs/session-output';
import { chunkWindow, readTask } from './read-task';
import { conditionsOutput } from './outputs/conditions-output';
import { verifyReused, workParts } from './reuse';
import { jobProgress, progressReporter } from './session-progress';
import { lockWorkFolder, makeWorkFolder, openManifest, removeOutputTemps } from './work-folder';

/*
 * The one place an export is assembled: work folder and manifest, the resume step, the plan, the
 * chunks K at a time (run/), each read in a worker into the sinks of its outputs, the outputs
 * completed and their records written, the work folder removed when it was only the outputs'
 * staging. Whatever stops it leaves the finished chunks for a resume.
 */

export interface SessionDeps {
  version: string;
  /** The export workers to share (the app's); without, the sessions start their own of `workers` threads. */
  pool?: WorkerPool;
  workers?: number;
  /** Retries and timeouts of Nortech's API (tests shorten them; the command line's --timeout). */
  client?: Omit<NortechClientOptions, 'apiUrl' | 'apiKey' | 'version'>;
  /** Retries and limits of downloads (the command line's --download-timeout); the disk is the work folder's. */
  download?: Omit<DownloadTuning, 'disk'>;
  /** The download thread to share (the app's); without, downloads run on the calling thread. */
  downloader?: Downloader;
  now?: () => number;
}

const PLANNING: JobProgress = {
  phase: 'planning',
  fraction: 0,
  chunksDone: 0,
  chunksTotal: 0,
  rows: 0,
  bytes: 0,
  etaMs: null,
  retrying: [],
};

const noData = () =>
  new AppError('no-data', 'None of the signals has data in this time window.', { hint: 'Choose a wider or earlier time window.' });

export function createExportSessions(deps: SessionDeps): ExportSessions {
  const now = deps.now ?? Date.now;
  let pool = deps.pool ?? null;
  const workers = () => (pool ??= createWorkerPool(deps.workers));

  function start(spec: SessionSpec): ExportSession {
    const startedAt = now();
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    if (spec.signal?.aborted) controller.abort();
    let manifest: ManifestStore | null = null;
    let live: ReadonlyMap<string, ChunkLive> = new Map();
    const progress = () => (manifest ? jobProgress(manifest.get(), live, now() - startedAt) : PLANNING);
    const reporter = progressReporter(() => spec.onProgress?.(progress()), now);

    async function run(): Promise<SessionResult> {
      const { dir, made } = await makeWorkFolder(spec.work);
      const what = spec.outputs.file?.path ?? spec.outputs.dataset?.storage.location ?? dir;
      const lock = await lockWorkFolder(dir, basename(what));
      try {
        if (spec.outputs.file) await removeOutputTemps(spec.outputs.file.path, spec.log);
        return await runLocked(dir, made);
      } finally {
        await lock.release().catch((error: unknown) => spec.log?.warn('Could not release the lock of a work folder', { dir, err: error }));
      }
    }

    async function runLocked(dir: string, made: boolean): Promise<SessionResult> {
      const ctx: OutputContext = {
        request: spec.request,
        dir,
        manifest: () => manifest!.get(),
        ...(spec.chunks.kind === 'preset' && spec.chunks.shard ? { shard: spec.chunks.shard } : {}),
        appVersion: deps.version,
        now,
      };
      const outputs: SessionOutput[] = [];
      const keys: Record<string, Record<string, unknown>> = {};
      const add = (name: string, output: SessionOutput) => {
        outputs.push(output);
        if (output.key) keys[name] = output.key;
      };
      if (spec.outputs.preview) add('preview', previewOutput(ctx, spec.outputs.preview.feed));
      if (spec.outputs.file) add('file', fileOutput(ctx, spec.outputs.file));
      if (spec.outputs.dataset) add('dataset', datasetOutput(ctx, spec.outputs.dataset.storage, spec.outputs.dataset.existing ?? 'refuse'));
      if (spec.request.derivations?.conditions.length) add('conditions', conditionsOutput(ctx, spec.outputs.conditions));

      const disk = spec.work.kind === 'beside-output' ? 'target' : 'cache';
      let failure: unknown = null;
      const fail = (error: unknown) => {
        failure ??= error;
        controller.abort();
      };
      let taking: Promise<void> = Promise.resolve();
      try {
        manifest = await openManifest(spec, dir, keys, startedAt);
        const store = manifest;
        for (const { chunk, reason } of await verifyReused(store, outputs)) {
          const note = `Chunk ${chunk} is asked for again: ${reason}.`;
          spec.log?.warn('A chunk of an earlier run did not hold and is asked for again', { chunk, reason });
          spec.onNote?.(note);
        }
        for (const output of outputs) await output.prepare();
        const client = createNortechClient({ ...deps.client, ...spec.connection, version: deps.version });
        const sinksOf = new Map<string, number[]>();
        const steps = chunkSteps({
          client,
          request: spec.request,
          dir,
          pool: workers(),
          download: { ...deps.download, disk },
          ...(deps.downloader ? { downloader: deps.downloader } : {}),
          window: (slice) => chunkWindow(spec.request, slice),
          readTask(c) {
            // Each output's sink, remembered by index: its files come back in the same order.
            const sinks = outputs.map((o) => o.sink(c));
            sinksOf.set(
              c.name,
              sinks.flatMap((s, i) => (s ? [i] : [])),
            );
            return readTask(
              spec.request,
              c,
              sinks.filter((s) => s !== null),
              disk,
              dir,
            );
          },
          async commit(c, read) {
            const mine = sinksOf.get(c.name) ?? [];
            sinksOf.delete(c.name);
            const parts: ChunkPart[] = [];
            for (const [i, output] of outputs.entries()) {
              const at = mine.indexOf(i);
              const written = at >= 0 ? read.sinks[at]! : null;
              parts.push(...((await output.commit(c, written)) ?? (await workParts(dir, written))));
            }
            return parts;
          },
        });
        const order = doneInOrder(store);
        const window = { start: Date.parse(spec.request.timeWindow.start), end: Date.parse(spec.request.timeWindow.end) };
        const owns = ownership(spec, store);
        const running = runChunks({
          manifest: store,
          steps,
          concurrency: spec.concurrency,
          plan: { ...DEFAULT_PLAN, align: chunkAlign(spec.request.values), ...spec.plan },
          signal: controller.signal,
          ...(spec.log ? { log: spec.log } : {}),
          ...(owns ? { owns } : {}),
          onChange: (l) => {
            live = l;
            reporter.changed();
          },
          onChunkDone: (chunk) => {
            order.wake();
            // In order of arrival, one at a time: a job is ready only once its last chunk is in the preview.
            taking = taking
              .then(async () => {
                for (const output of outputs) await output.take(chunk);
                reporter.now();
              })
              .catch(fail);
          },
          onPlanned: (m) => {
            for (const output of outputs) output.planned(m);
          },
        }).then(
          () => order.end(null),
          (error: unknown) => {
            order.end(error);
            throw error;
          },
        );
        const writing = outputs.map((o) => o.run(order.chunks(window), controller.signal).catch(fail));
        // Everything settled before anything is cleaned up: a file being assembled still reads the segments.
        const [ran] = await Promise.allSettled([running, ...writing]);
        await taking;
        // The runner's own failure, or else an output's (which stopped the runner: it answers `cancelled`).
        if (ran.status === 'rejected' && !controller.signal.aborted) throw ran.reason;
        if (failure) throw failure;
        if (ran.status === 'rejected') throw ran.reason;
        reporter.now();

        const m = store.get();
        const chunks = owns ? m.chunks.filter((c) => owns(c)) : m.chunks;
        const rows = chunks.reduce((n, c) => n + (c.rows ?? 0), 0);
        // A shard may hold no data (others do), and measuring keeps nothing.
        if (rows === 0 && !ctx.shard && spec.chunks.kind !== 'measure') throw noData();
        const saved: OutputSaved[] = [];
        for (const output of outputs) saved.push(await output.finish(chunks));
        if (spec.work.kind !== 'cache') {
          await store.settled();
          await rm(dir, { recursive: true, force: true });
        }
        return { manifest: store.get(), chunks, rows, ...savedFiles(saved) };
      } catch (error) {
        // Its failure, if any, is `failure`'s, already on the way to the caller.
        await taking.catch(() => undefined);
        // Nothing done is nothing to resume: no folder left behind (but never one an earlier run left).
        const opened = manifest?.get();
        const leave = spec.work.kind === 'scratch' || (spec.work.kind === 'beside-output' && (opened ? !resumable(opened) : made));
        if (leave) {
          // The fresh manifest's write is not awaited (the first request goes out meanwhile): a
          // failure found at once (a dataset folder refused) removed the folder under it (ENOTEMPTY).
          await manifest?.settled();
          await rm(dir, { recursive: true, force: true });
        }
        if (spec.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
        throw error;
      }
    }

    const done = run().finally(() => {
      reporter.stop();
      spec.signal?.removeEventListener('abort', onAbort);
    });
    // Awaited by the caller; never an unhandled rejection meanwhile.
    done.catch(() => undefined);
    return {
      manifest: () => manifest?.get() ?? null,
      progress,
      done,
      cancel: () => controller.abort(),
    };
  }

  return {
    start,
    async close() {
      if (!deps.pool) await pool?.close();
      pool = null;
    },
  };
}

/** Which chunks this session runs: a shard's share of the plan, or (measuring) only until the data has been measured. */
function ownership(spec: SessionSpec, store: ManifestStore): ((c: ChunkRecord) => boolean) | null {
  const { chunks } = spec;
  if (chunks.kind === 'preset' && chunks.shard) {
    const { index, count } = chunks.shard;
    // By the plan's index in the chunk's name (`0007`, its halves `0007-0`…): a chunk halved on a
    // timeout shifts the later ones in the manifest, but not what shard they belong to.
    return (c) => Number.parseInt(c.name, 10) % count === index;
  }
  // Chunks planned after the measure are for the shards to run.
  if (chunks.kind === 'measure') return (c) => c.state === 'done' || store.get().measured.rows === 0;
  return null;
}

/** Whether a work folder holds anything a resume would not ask for again. */
const resumable = (m: Manifest | undefined) => !!m?.chunks.some((c) => (c.state === 'done' && c.rows) || c.state === 'downloaded');

function savedFiles(saved: OutputSaved[]): Pick<SessionResult, 'file' | 'dataset' | 'conditions'> {
  const out: Pick<SessionResult, 'file' | 'dataset' | 'conditions'> = {};
  for (const s of saved) {
    if (s.kind === 'file') out.file = s.saved;
    if (s.kind === 'conditions') out.conditions = s.saved;
    if (s.kind === 'dataset') out.dataset = s.saved;
  }
  return out;
}
