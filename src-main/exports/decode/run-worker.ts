import { Worker } from 'node:worker_threads';
import type { DataType, Format } from '../../../src-preload/contract';
import { AppError } from '../../errors/app-error';
import { workerEntry, type WorkerEntry } from '../../workers/worker-entry';
import type { TextOptions } from '../convert/convert-file';
import type { RowBatch } from '../../formats/row-batch';
import type { WorkerAnswer, WorkerTask } from './worker-protocol';

/** Runs one task in a fresh worker thread (decode-worker.ts from source, decode-worker.js in the bundle). */
export function decodeWorkerEntry(): WorkerEntry {
  const entry = workerEntry(import.meta.url, 'decode-worker');
  if (!entry) throw new AppError('internal', 'The decoder (decode-worker.js) is missing from this build.');
  return entry;
}

function runTask<T>(task: WorkerTask, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError('cancelled', 'Cancelled.'));
    const entry = decodeWorkerEntry();
    const worker = new Worker(entry.source, { workerData: task, eval: entry.eval });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => settle(() => reject(new AppError('cancelled', 'Cancelled.')));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (answer: WorkerAnswer) =>
      settle(() => {
        if (answer.ok) return resolve(answer.value as T);
        const { error } = answer;
        if (error.decode) {
          return reject(
            new AppError('file', `The downloaded file is damaged: ${error.message}`, {
              hint: 'Run the export again; if it keeps failing, try another format.',
              retryable: true,
            }),
          );
        }
        reject(fileError(error.message, error.code));
      }),
    );
    worker.once('error', (error) => settle(() => reject(new AppError('internal', `The decoder stopped: ${error.message}`))));
    worker.once('exit', (code) =>
      settle(() => reject(new AppError('internal', `The decoder ended without an answer (exit code ${code}).`))),
    );
  });
}

export function fileError(message: string, code?: string): AppError {
  if (code === 'ENOSPC') return new AppError('file', 'The disk is full.', { hint: 'Free some space, or save somewhere else.' });
  if (code === 'EACCES' || code === 'EPERM')
    return new AppError('file', 'Signal Explorer may not write there.', { hint: 'Choose another folder.' });
  if (code === 'EEXIST')
    return new AppError('file', 'A file with that name exists already.', { hint: 'Choose another name, or allow replacing it.' });
  return new AppError('file', `Writing the file failed: ${message}`, { hint: 'Try again, or save somewhere else.' });
}

/** Decodes a downloaded file off the main thread. */
export const decodeInWorker = (path: string, format: Format, hints: Record<string, DataType>, signal?: AbortSignal) =>
  runTask<RowBatch>({ op: 'decode', path, format, hints }, signal);

/** Writes a table as a new file in another format, off the main thread; answers its size. */
export const writeInWorker = (table: RowBatch, format: Format, path: string, options: TextOptions, signal?: AbortSignal) =>
  runTask<number>({ op: 'write', table, format, path, options }, signal);
