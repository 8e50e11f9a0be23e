import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportRequest, Slice } from '../../../src-preload/contract';
import { AppError } from '../../errors/app-error';
import type { ColumnSpec } from '../../formats/row-batch';
import type { NortechClient } from '../../nortech/client';
import { toWireRequest } from '../../nortech/to-domain';
import { downloadFile, type DownloadOptions } from '../download/download-file';
import type { ChunkRecord } from '../manifest/manifest';
import type { IngestResult, IngestTask } from '../worker/ingest-chunk';
import type { WorkerPool } from '../worker/worker-pool';
import type { ChunkSteps } from './chunk-runner';

/*
 * The three steps of a chunk against the real parts: Nortech's sync endpoint, the file host (the
 * safe download: plain GET, verified, resumed with Range), and a reading task in an export worker.
 * What a chunk is read into (a segment, a dataset's parts, the preview's store) is the caller's.
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
  /** The reading task of a chunk, without its source (the engine adds the downloaded file). */
  readTask(chunk: ChunkRecord): Omit<IngestTask, 'path' | 'format'>;
  /** Whether a done chunk's outputs (what later steps read: segment, parts, store) are still there. */
  outputsIntact(chunk: ChunkRecord): Promise<boolean>;
}

/** The requested columns as decoders match them: the rename, or the signal ID (the API's default). */
export const columnSpecs = (request: ExportRequest): ColumnSpec[] =>
  request.signals.map((s) => ({ names: [...new Set([s.rename, String(s.id)])], dataType: s.dataType }));

export const downloadPath = (dir: string, chunk: Pick<ChunkRecord, 'name'>, format: string) =>
  join(dir, 'chunks', `${chunk.name}.${format}`);

const exists = (path: string, size?: number) =>
  stat(path).then(
    (s) => size === undefined || s.size === size,
    () => false,
  );

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

export function chunkSteps(cfg: StepsConfig): ChunkSteps {
  const { request } = cfg;
  const format = request.format;
  const sliceRequest = (slice: Slice) =>
    toWireRequest({
      signals: request.signals,
      timeWindow: { start: new Date(slice.start).toISOString(), end: new Date(slice.end).toISOString() },
      format,
    });

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
      const { bytes } = await downloadFile({
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

    checksum(chunk) {
      return sha256OfFile(downloadPath(cfg.dir, chunk, format));
    },

    async read(chunk, signal, onRows) {
      const task: IngestTask = { ...cfg.readTask(chunk), path: downloadPath(cfg.dir, chunk, format), format };
      const result = await cfg.pool.run<IngestResult>(task, { signal, onProgress: (p) => onRows((p as { rows: number }).rows) });
      return { rows: result.rows, sourceRows: result.sourceRows, first: result.first, last: result.last };
    },

    async intact(chunk) {
      if (chunk.state === 'downloaded') return !!chunk.download && exists(join(cfg.dir, chunk.download.file), chunk.download.bytes);
      if (chunk.state === 'done') return chunk.rows === 0 || cfg.outputsIntact(chunk);
      return true;
    },
  };
}
