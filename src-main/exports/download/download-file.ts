import { open, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../errors/app-error';
import { diskFullError, isDiskFull, type Disk } from '../../errors/disk-full';
import { httpRequest, NetworkFailure } from '../../nortech/http-request';
import { sleep } from '../../nortech/retry';
import { hasParquetMagic } from '../../formats/parquet/parquet-magic';
import { checkFileUrl, safeUrlText } from './file-url';

/*
 * Downloads the output file into the cache, streaming. The file host gets a plain GET and nothing
 * of ours: no API key, no User-Agent (S3 refuses a pre-signed URL with an Authorization header).
 * Only Range (with If-Range), to resume a transfer that broke, when the host said it accepts ranges.
 * The bytes land in `<dest>.part` and are renamed to `dest` once their length (and, for parquet,
 * the PAR1 markers) check out: a partial file is never left under the final name.
 *
 * Every download is bounded: never more bytes than the host announced (Content-Length, or the
 * total of a Content-Range), never more than `maxBytes` when it announced nothing, and never
 * longer than `deadlineMs` in all, retries and their waits included.
 */

/** Far above any real export's file (a year of ten 1 s signals is about 1 GB of parquet, 3 GB of csv). */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 64 * 1024 ** 3;
/** The whole download of one file, retries included (the command line's `--download-timeout`). */
export const DEFAULT_DOWNLOAD_DEADLINE_MS = 30 * 60_000;

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
  /** The most bytes accepted from a host that does not say how many it sends, or says more (default 64 GiB). */
  maxBytes?: number;
  /** The whole download, every try and wait included (default 30 min). */
  deadlineMs?: number;
  /** The disk `dest` is on, named when it is full (default `cache`; the command line's parts beside the output: `target`). */
  disk?: Disk;
}

const cancelled = () => new AppError('cancelled', 'Cancelled.');

class Retry extends Error {}
/** The host sent more than it may: more than announced, or more than the cap. Never retried. */
class Overflow extends Error {}
/** Writing the part file failed: our disk, not the network. Never retried. */
class LocalWriteFailure extends Error {
  constructor(readonly error: unknown) {
    super((error as Error)?.message ?? String(error));
  }
}

function localError(failure: LocalWriteFailure, disk: Disk, bytes: number): AppError {
  if (isDiskFull(failure.error)) return diskFullError(disk, `the download stopped at ${sizeText(bytes)}`, { cause: failure.error });
  const code = (failure.error as NodeJS.ErrnoException)?.code ?? 'an unknown error';
  return new AppError(
    'file',
    `Signal Explorer could not write the download to ${disk === 'cache' ? 'its cache' : 'the output folder'} (${code}).`,
    {
      hint: 'Check that the folder exists and may be written to, then run the export again.',
      retryable: false,
    },
  );
}

const sizeText = (bytes: number) => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`);
const durationText = (ms: number) => (ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 1000).toFixed(1)} s`);

function tooLarge(url: URL, maxBytes: number): AppError {
  return new AppError('file', `The file from ${url.host} is larger than ${sizeText(maxBytes)}: Signal Explorer stopped the download.`, {
    hint: 'Export a shorter time window or fewer signals; if the file should be this large, contact Nortech support.',
    retryable: false,
  });
}

function moreThanAnnounced(url: URL, announced: number): AppError {
  return new AppError('file', `The file host ${url.host} sent more bytes than the ${announced} it announced: the file was not kept.`, {
    hint: 'Run the export again; if it persists, contact Nortech support.',
    retryable: false,
  });
}

function deadlineError(url: URL, ms: number): AppError {
  return new AppError('network', `The download from ${url.host} did not finish within ${durationText(ms)}.`, {
    hint: 'Check your network connection; on the command line, --download-timeout allows more time.',
    retryable: true,
  });
}

function contentRange(res: IncomingMessage): { start: number; total: number | undefined } | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(String(res.headers['content-range'] ?? ''));
  if (!m) return null;
  return { start: Number(m[1]), total: m[3] === '*' ? undefined : Number(m[3]) };
}

export async function downloadFile(opts: DownloadOptions): Promise<{ bytes: number; total: number | undefined }> {
  const url = checkFileUrl(opts.url);
  const part = `${opts.dest}.part`;
  const tries = opts.maxTries ?? 5;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const deadlineMs = opts.deadlineMs ?? DEFAULT_DOWNLOAD_DEADLINE_MS;
  const overall = new AbortController();
  const deadline = setTimeout(() => overall.abort(), deadlineMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, overall.signal]) : overall.signal;
  // Why the download stopped when the signal fired: the caller cancelled, or the deadline passed.
  const stopped = () => (opts.signal?.aborted ? cancelled() : deadlineError(url, deadlineMs));
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
        await sleep((opts.retryDelayMs ?? 500) * 2 ** (attempt - 1), signal).catch(() => {
          throw stopped();
        });
      }
      const resume = have > 0 && canResume;
      if (!resume) have = 0;
      try {
        const res = await httpRequest(url, {
          method: 'GET',
          // If-Range: should the file have changed meanwhile, the host sends all of it again (200).
          headers: resume ? { range: `bytes=${have}-`, ...(etag ? { 'if-range': etag } : {}) } : {},
          signal,
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
        if (total !== undefined && total > maxBytes) {
          res.destroy();
          throw tooLarge(url, maxBytes);
        }
        have = await receive(res, part, have, total, { ...opts, signal, limit: total ?? maxBytes });
        if (total !== undefined && have !== total) throw new Retry(`the transfer stopped at ${have} of ${total} bytes`);
        complete = true;
      } catch (error) {
        if (signal.aborted) throw stopped();
        if (error instanceof AppError) throw error;
        if (error instanceof Overflow) throw total !== undefined ? moreThanAnnounced(url, total) : tooLarge(url, maxBytes);
        if (error instanceof LocalWriteFailure) throw localError(error, opts.disk ?? 'cache', await sizeOf(part));
        lastError = new AppError('network', `The download from ${url.host} broke off: ${describe(error)}.`, {
          hint: 'Check your network connection and run the export again.',
          retryable: true,
        });
        // Resume from what actually reached the disk.
        have = await sizeOf(part);
      }
    }
    if (!complete) throw lastError ?? new AppError('network', 'The download failed.', { retryable: true });
    await verify(part, have, total, opts.parquet === true);
    await rename(part, opts.dest);
    return { bytes: have, total };
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  } finally {
    clearTimeout(deadline);
  }
}

const sizeOf = (path: string) =>
  stat(path).then(
    (s) => s.size,
    () => 0,
  );

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

/**
 * Streams the body onto the part file (appending when resuming); answers the bytes now on disk.
 * More than `limit` bytes in all (what the host announced, or the cap) is an Overflow.
 */
async function receive(
  res: IncomingMessage,
  part: string,
  have: number,
  total: number | undefined,
  opts: DownloadOptions & { signal: AbortSignal; limit: number },
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
      if (done > opts.limit) return next(new Overflow(`more than ${opts.limit} bytes`));
      arm();
      opts.onProgress?.(done, total);
      next(null, chunk);
    },
  });
  // Opened before the first byte, so that what arrived before a break is on disk to resume from.
  const file = await open(part, have > 0 ? 'a' : 'w').catch((error: unknown) => {
    res.destroy();
    throw new LocalWriteFailure(error);
  });
  const sink = file.createWriteStream();
  let writeError: unknown = null;
  sink.on('error', (error) => (writeError ??= error));
  arm();
  try {
    await pipeline(res, counter, sink, { signal: opts.signal });
  } catch (error) {
    if (writeError) throw new LocalWriteFailure(writeError);
    // A body of announced length is not parsed: only bytes past its end can break the HTTP parser.
    if (error instanceof NetworkFailure && error.code.startsWith('HPE_') && total !== undefined) throw new Overflow();
    throw error;
  } finally {
    clearTimeout(idle);
  }
  // The parser may report bytes past the end only after the body ended.
  await new Promise((resolve) => setImmediate(resolve));
  if (res.errored && total !== undefined) throw new Overflow();
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
