import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportRequest, Slice } from '../../../src-preload/contract';
import { AppError } from '../../errors/app-error';
import type { NortechClient } from '../../nortech/client';
import { toWireRequest } from '../../nortech/to-domain';
import { downloadFile, type DownloadOptions } from '../download/download-file';
import type { Downloader } from '../download/download-thread';
import { sha256OfFile } from '../download/file-sha256';
import { downloadPath, type ChunkPart, type ChunkRecord } from '../manifest/manifest';
import type { IngestResult, IngestTask } from '../worker/worker-protocol';
import type { WorkerPool } from '../worker/worker-pool';
import type { ChunkRead, ChunkSteps } from './chunk-runner';
import { readSplit, splitByColumns } from './split-read';

/*
 * The three steps of a chunk against the real parts: Nortech's sync endpoint, the file host (the
 * safe download: plain GET, verified, resumed with Range), and a reading task in an export worker
 * (in both, by columns, when both are free: split-read.ts).
 * What a chunk is read into (a segment, a dataset's parts, the preview's store) is the session's.
 */

export type DownloadTuning = Pick<
  DownloadOptions,
  'connectTimeoutMs' | 'idleTimeoutMs' | 'maxTries' | 'retryDelayMs' | 'maxBytes' | 'deadlineMs' | 'disk'
>;

export interface StepsConfig {
  client: NortechClient;
  request: ExportRequest;
  /** The job's folder: downloads go to `chunks/` inside. */
  dir: string;
  pool: WorkerPool;
  download?: DownloadTuning;
  /** Where downloads run (the app's download thread); on this thread without one. */
  downloader?: Downloader;
  /** The window asked for a chunk's slice (wider: a derivation's lead-in); the slice itself by default. */
  window?: (slice: Slice) => Slice;
  /** The reading task of a chunk, without its source (the engine adds the downloaded file). */
  readTask(chunk: ChunkRecord): Omit<IngestTask, 'path' | 'format'>;
  /** Once the worker has read the chunk and before it is recorded done: what the outputs do with it here (a dataset puts its parts in storage). */
  commit(chunk: ChunkRecord, read: IngestResult): Promise<ChunkPart[]>;
}

export function chunkSteps(cfg: StepsConfig): ChunkSteps {
  const { request } = cfg;
  const format = request.format;
  const sliceRequest = (chunk: Slice) => {
    const slice = cfg.window?.(chunk) ?? chunk;
    return toWireRequest({
      signals: request.signals,
      timeWindow: { start: new Date(slice.start).toISOString(), end: new Date(slice.end).toISOString() },
      format,
    });
  };

  // A chunk's SHA-256 comes from the worker that reads it (IngestTask.sha256): the runner asks for
  // read and checksum together, so checksum finds the read's answer here; without a read in
  // flight it hashes on this thread.
  const hashes = new Map<string, Promise<string | undefined>>();

  return {
    async request(slice, signal, onRetry) {
      try {
        const answer = await cfg.client.requestDataSync(sliceRequest(slice), signal, onRetry);
        return { requestId: answer.requestId, outputFile: answer.outputFile };
      } catch (error) {
        // A slice without data is an empty chunk; the export fails with no-data only if all are.
        if (error instanceof AppError && error.kind === 'no-data') return null;
        if (error instanceof AppError && error.kind !== 'cancelled') {
          throw new AppError(error.kind, error.message, {
            ...error.details,
            slice: { start: slice.start, end: slice.end },
            during: 'request',
          });
        }
        throw error;
      }
    },

    async download(chunk, url, signal, onBytes, onRetry) {
      const dest = downloadPath(cfg.dir, chunk, format);
      await mkdir(join(cfg.dir, 'chunks'), { recursive: true });
      const { bytes } = await (cfg.downloader?.download ?? downloadFile)({
        ...cfg.download,
        url,
        dest,
        signal,
        parquet: format === 'parquet',
        onProgress: onBytes,
        onRetry,
      });
      return { file: `chunks/${chunk.name}.${format}`, bytes };
    },

    async checksum(chunk) {
      const fromRead = hashes.get(chunk.name);
      hashes.delete(chunk.name);
      return (await fromRead) ?? sha256OfFile(downloadPath(cfg.dir, chunk, format));
    },

    async read(chunk, signal, onRows, alone): Promise<ChunkRead> {
      const base = cfg.readTask(chunk);
      const source = { path: downloadPath(cfg.dir, chunk, format), format };
      // Split only when nothing else runs: while the server still produces (the demo's is on the
      // same cores), L's chunks read in both workers at once delayed the rest (L 2.30 -> 2.40 s).
      const split = alone ? splitByColumns(base, format, cfg.pool.idle()) : null;
      const running = split
        ? readSplit(cfg.pool, split, source, signal, onRows)
        : cfg.pool.run({ ...base, ...source, sha256: true } satisfies IngestTask, { signal, onProgress: (p) => onRows(p.rows) });
      const hash = running.then((r) => r.sha256);
      hash.catch(() => undefined);
      hashes.set(chunk.name, hash);
      const result = await running;
      const parts = await cfg.commit(chunk, result);
      const { rows, sourceRows, first, last, duplicates, sorted } = result;
      return { rows, sourceRows, first, last, parts, duplicates, sorted };
    },
  };
}
