import { createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../errors/app-error';
import { httpRequest, NetworkFailure } from '../../nortech/http-request';
import { sleep } from '../../nortech/retry';
import { hasParquetMagic } from '../decode/decode-parquet';
import { checkFileUrl, safeUrlText } from './file-url';

/*
 * Downloads the output file into the cache, streaming. The file host gets a plain GET and nothing
 * of ours: no API key, no User-Agent (S3 refuses a pre-signed URL with an Authorization header).
 * Only Range (with If-Range), to resume a transfer that broke, when the host said it accepts ranges.
 * The bytes land in `<dest>.part` and are renamed to `dest` once their length (and, for parquet,
 * the PAR1 markers) check out: a partial file is never left under the final name.
 */

export interface DownloadOptions {
  url: string;
  dest: string;
  signal?: AbortSignal;
  onProgress?: (bytesDone: number, bytesTotal: number | undefined) => void;
  /** Told before each retry: the try about to start (2, 3…) and why the last one failed. */
  onRetry?: (attempt: number, reason: string) => void;
  /** Check parquet's magic bytes at both ends. */
  parquet?: boolean;
  connectTimeoutMs?: number;
  /** Give up on a transfer that sends nothing for this long (then retry). */
  idleTimeoutMs?: number;
  maxTries?: number;
  retryDelayMs?: number;
}

const cancelled = () => new AppError('cancelled', 'Cancelled.');

class Retry extends Error {}

function contentRange(res: IncomingMessage): { start: number; total: number | undefined } | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(String(res.headers['content-range'] ?? ''));
  if (!m) return null;
  return { start: Number(m[1]), total: m[3] === '*' ? undefined : Number(m[3]) };
}

export async function downloadFile(opts: DownloadOptions): Promise<{ bytes: number; total: number | undefined }> {
  const url = checkFileUrl(opts.url);
  const part = `${opts.dest}.part`;
  const tries = opts.maxTries ?? 5;
  let have = 0;
  let total: number | undefined;
  let canResume = false;
  let etag: string | undefined;
  let lastError: AppError | null = null;
  let complete = false;
  await rm(part, { force: true });
  try {
    for (let attempt = 0; attempt < tries && !complete; attempt++) {
      if (attempt > 0) {
        opts.onRetry?.(attempt + 1, lastError?.message ?? 'the transfer failed');
        await sleep((opts.retryDelayMs ?? 500) * 2 ** (attempt - 1), opts.signal).catch(() => {
          throw cancelled();
        });
      }
      const resume = have > 0 && canResume;
      if (!resume) have = 0;
      try {
        const res = await httpRequest(url, {
          method: 'GET',
          // If-Range: should the file have changed meanwhile, the host sends all of it again (200).
          headers: resume ? { range: `bytes=${have}-`, ...(etag ? { 'if-range': etag } : {}) } : {},
          signal: opts.signal,
          connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
        });
        const status = res.statusCode ?? 0;
        if (status === 206 && resume) {
          const range = contentRange(res);
          if (!range || range.start !== have) {
            res.resume();
            canResume = false;
            throw new Retry('the host resumed at the wrong place');
          }
          total = range.total ?? total;
        } else if (status === 200) {
          have = 0;
          const length = res.headers['content-length'];
          total = length !== undefined ? Number(length) : undefined;
          canResume = res.headers['accept-ranges'] === 'bytes' && total !== undefined;
          etag = typeof res.headers.etag === 'string' && !res.headers.etag.startsWith('W/') ? res.headers.etag : undefined;
        } else {
          res.resume();
          if (status === 416) canResume = false;
          // A server error or a refused range may pass; any other refusal will not.
          if (status >= 500 || status === 416) throw new Retry(`the host answered HTTP ${status}`);
          throw hostError(url, status);
        }
        have = await receive(res, part, have, total, opts);
        if (total !== undefined && have !== total) throw new Retry(`the transfer stopped at ${have} of ${total} bytes`);
        complete = true;
      } catch (error) {
        if (opts.signal?.aborted) throw cancelled();
        if (error instanceof AppError) throw error;
        lastError = new AppError('network', `The download from ${url.host} broke off: ${describe(error)}.`, {
          hint: 'Check your network connection and run the export again.',
          retryable: true,
        });
        // Resume from what actually reached the disk.
        have = await stat(part).then(
          (s) => s.size,
          () => 0,
        );
      }
    }
    if (!complete) throw lastError ?? new AppError('network', 'The download failed.', { retryable: true });
    await verify(part, have, total, opts.parquet === true);
    await rename(part, opts.dest);
    return { bytes: have, total };
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

function describe(error: unknown): string {
  if (error instanceof NetworkFailure || error instanceof Retry) return error.message;
  return error instanceof Error ? error.message : String(error);
}

function hostError(url: URL, status: number): AppError {
  return new AppError('network', `The file host refused the download of ${safeUrlText(url)} (HTTP ${status}).`, {
    status,
    hint: status >= 500 ? 'Try again in a few minutes.' : 'The download link may have expired: run the export again.',
    retryable: true,
  });
}

/** Streams the body onto the part file (appending when resuming); answers the bytes now on disk. */
async function receive(
  res: IncomingMessage,
  part: string,
  have: number,
  total: number | undefined,
  opts: DownloadOptions,
): Promise<number> {
  let done = have;
  let idle: NodeJS.Timeout | undefined;
  const idleMs = opts.idleTimeoutMs ?? 60_000;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => res.destroy(new NetworkFailure('no data arrived for a while', 'IDLE')), idleMs);
  };
  const counter = new Transform({
    transform(chunk: Buffer, _enc, next) {
      done += chunk.length;
      arm();
      opts.onProgress?.(done, total);
      next(null, chunk);
    },
  });
  arm();
  try {
    await pipeline(res, counter, createWriteStream(part, { flags: have > 0 ? 'a' : 'w' }), { signal: opts.signal });
  } finally {
    clearTimeout(idle);
  }
  return done;
}

async function verify(part: string, have: number, total: number | undefined, parquet: boolean): Promise<void> {
  const size = (await stat(part)).size;
  if (size !== have || (total !== undefined && size !== total)) {
    throw new AppError('file', `The downloaded file is incomplete (${size} of ${total ?? have} bytes).`, {
      hint: 'Run the export again.',
      retryable: true,
    });
  }
  if (!parquet) return;
  const handle = await open(part, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 8));
    const tail = Buffer.alloc(Math.min(size, 8));
    await handle.read(head, 0, head.length, 0);
    await handle.read(tail, 0, tail.length, Math.max(0, size - tail.length));
    if (!hasParquetMagic(new Uint8Array(Buffer.concat([head.subarray(0, 4), Buffer.alloc(4), tail.subarray(tail.length - 4)])))) {
      throw new AppError('file', 'The downloaded file is not a complete parquet file.', { hint: 'Run the export again.', retryable: true });
    }
  } finally {
    await handle.close();
  }
}
