import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors/app-error';
import { workerEntry } from '../../workers/worker-entry';
import { fromFailure } from '../worker/worker-errors';
import type { DownloadOptions } from './download-file';
import { FromDownloader, type DownloadJob, type ToDownloader } from './download-protocol';

/*
 * Downloads on a thread of their own (download-worker.ts), as downloadFile does them: the main
 * process keeps only each download's callbacks and signal. Measured by npm run bench before this:
 * an XL csv export brought 328 MB through the main thread's sockets, and from its second run on the
 * main thread made 25-28 full garbage collections a run (165-227 ms of pauses; the bench's longest
 * stall, 53 ms, was one of them), prompted by the socket buffers' memory.
 */

export interface Downloader {
  download(opts: DownloadOptions): Promise<{ bytes: number; total: number | undefined }>;
  close(): Promise<void>;
}

interface Pending {
  opts: DownloadOptions;
  resolve(value: { bytes: number; total: number | undefined }): void;
  reject(error: unknown): void;
  cancel(): void;
}

const cancelled = () => new AppError('cancelled', 'Cancelled.');

export function createDownloadThread(): Downloader {
  let worker: Worker | null = null;
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();

  const settle = (id: number) => {
    const job = pending.get(id);
    pending.delete(id);
    job?.opts.signal?.removeEventListener('abort', job.cancel);
    if (pending.size === 0) worker?.unref();
    return job;
  };

  function start(): Worker {
    const entry = workerEntry(import.meta.url, 'download-worker');
    if (!entry) throw new AppError('internal', 'The download thread (download-worker.js) is missing from this build.');
    const w = new Worker(entry.source, { eval: entry.eval });
    w.unref();
    w.on('message', (raw: unknown) => {
      const parsed = FromDownloader.safeParse(raw);
      if (!parsed.success) {
        // An answer it cannot read fails the download it names, rather than leave it waiting forever.
        const id = (raw as { id?: unknown } | null)?.id;
        const message = `The download thread answered something unknown: ${parsed.error.issues[0]?.message ?? 'unreadable'}`;
        if (typeof id === 'number') settle(id)?.reject(new AppError('internal', message));
        return;
      }
      const msg = parsed.data;
      const job = pending.get(msg.id);
      if (!job) return;
      switch (msg.type) {
        case 'progress':
          return job.opts.onProgress?.(msg.done, msg.total);
        case 'retry':
          return job.opts.onRetry?.(msg.attempt, msg.reason);
        case 'done':
          return settle(msg.id)?.resolve({ bytes: msg.bytes, total: msg.total });
        case 'failed':
          return settle(msg.id)?.reject(fromFailure(msg.failure));
      }
    });
    const lost = (why: string) => {
      if (worker === w) worker = null;
      for (const id of [...pending.keys()]) {
        const job = settle(id)!;
        job.reject(job.opts.signal?.aborted || closed ? cancelled() : new AppError('internal', `The download thread stopped: ${why}`));
      }
    };
    w.on('error', (error) => lost(error.message));
    w.on('exit', (code) => lost(`exit code ${code}`));
    return w;
  }

  return {
    download(opts) {
      if (closed) return Promise.reject(new AppError('internal', 'The download thread is closed.'));
      if (opts.signal?.aborted) return Promise.reject(cancelled());
      return new Promise((resolve, reject) => {
        let w: Worker;
        try {
          w = worker ??= start();
        } catch (error) {
          return reject(error);
        }
        const id = nextId++;
        const { signal: _signal, onProgress: _onProgress, onRetry: _onRetry, ...job } = opts;
        const cancel = () => w.postMessage({ type: 'cancel', id } satisfies ToDownloader);
        pending.set(id, { opts, resolve, reject, cancel });
        opts.signal?.addEventListener('abort', cancel, { once: true });
        w.ref();
        w.postMessage({ type: 'download', id, job: job satisfies DownloadJob } satisfies ToDownloader);
      });
    },
    async close() {
      closed = true;
      await worker?.terminate();
      worker = null;
    },
  };
}
