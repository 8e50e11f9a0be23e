import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors/app-error';
import { workerEntry, type WorkerEntry } from '../../workers/worker-entry';
import { fromFailure } from './worker-errors';
import { FromWorker, type ResultOf, type TaskProgress, type TaskResult, type ToWorker, type WorkerTask } from './worker-protocol';

/*
 * A few worker threads that live as long as the app: decoding, summarising and writing files run
 * there, off the thread that answers the window. Measured by npm run bench before this pool: a
 * fresh worker per decode compiled parquet-wasm's 5 MB of wasm each time (~250 ms), most of the
 * gap between S parquet and its floor. A task is cancelled by message (the worker stops between
 * batches); a worker that dies fails its task and is replaced. Answers are parsed with the
 * protocol's schema (worker-protocol.ts): a task answers its own kind of result, or fails.
 */

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: TaskProgress) => void;
}

export interface WorkerPool {
  run<T extends WorkerTask>(task: T, opts?: RunOptions): Promise<ResultOf<T>>;
  /** Workers that would start a task now (free or not yet started), less the tasks waiting for one. */
  idle(): number;
  close(): Promise<void>;
}

interface Pending {
  id: number;
  task: WorkerTask;
  opts: RunOptions;
  resolve(value: TaskResult): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

const cancelled = () => new AppError('cancelled', 'Cancelled.');

export function exportWorkerEntry(): WorkerEntry {
  const entry = workerEntry(import.meta.url, 'export-worker');
  if (!entry) throw new AppError('internal', 'The export worker (export-worker.js) is missing from this build.');
  return entry;
}

export function createWorkerPool(size = Math.max(1, Math.min(2, availableParallelism()))): WorkerPool {
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const entry = exportWorkerEntry();
    const worker = new Worker(entry.source, { eval: entry.eval });
    // An idle worker must not keep the process alive (the CLI exits when its work is done).
    worker.unref();
    const slot: Slot = { worker, busy: null };
    worker.on('message', (raw: unknown) => {
      const job = slot.busy;
      const parsed = FromWorker.safeParse(raw);
      if (!job || !parsed.success) {
        if (job)
          finish(slot, () =>
            job.reject(new AppError('internal', `The export worker answered something unknown: ${parsed.error?.issues[0]?.message}`)),
          );
        return;
      }
      const msg = parsed.data;
      if (msg.id !== job.id) return;
      switch (msg.type) {
        case 'progress':
          return job.opts.onProgress?.(msg.progress);
        case 'failed':
          return finish(slot, () => job.reject(fromFailure(msg.failure)));
        case 'done':
          return finish(slot, () =>
            msg.result.op === job.task.op
              ? job.resolve(msg.result)
              : job.reject(new AppError('internal', `The export worker answered a ${job.task.op} task with a ${msg.result.op} result.`)),
          );
      }
    });
    const lost = (why: string) => {
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      const job = slot.busy;
      slot.busy = null;
      job?.reject(job.opts.signal?.aborted ? cancelled() : new AppError('internal', `The export worker stopped: ${why}`));
      if (!closed) pump();
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    slots.push(slot);
    return slot;
  }

  function finish(slot: Slot, settle: () => void): void {
    const job = slot.busy!;
    slot.busy = null;
    job.opts.signal?.removeEventListener('abort', abortOf(job));
    slot.worker.unref();
    settle();
    pump();
  }

  const aborts = new WeakMap<Pending, () => void>();
  function abortOf(job: Pending): () => void {
    let fn = aborts.get(job);
    if (!fn) {
      fn = () => {
        const i = queue.indexOf(job);
        if (i >= 0) {
          queue.splice(i, 1);
          return job.reject(cancelled());
        }
        const slot = slots.find((s) => s.busy === job);
        slot?.worker.postMessage({ type: 'cancel', id: job.id } satisfies ToWorker);
      };
      aborts.set(job, fn);
    }
    return fn;
  }

  function pump(): void {
    while (queue.length) {
      let slot = slots.find((s) => !s.busy);
      if (!slot && slots.length < size) slot = spawn();
      if (!slot) return;
      const job = queue.shift()!;
      slot.busy = job;
      slot.worker.ref();
      slot.worker.postMessage({ type: 'run', id: job.id, task: job.task } satisfies ToWorker);
    }
  }

  return {
    run<T extends WorkerTask>(task: T, opts: RunOptions = {}): Promise<ResultOf<T>> {
      if (closed) return Promise.reject(new AppError('internal', 'The export workers are closed.'));
      if (opts.signal?.aborted) return Promise.reject(cancelled());
      return new Promise<ResultOf<T>>((resolve, reject) => {
        // The worker checked that the result's op is the task's: it is this task's kind of result.
        const settle = (result: TaskResult) => resolve(result as ResultOf<T>);
        const job: Pending = { id: nextId++, task, opts, resolve: settle, reject };
        opts.signal?.addEventListener('abort', abortOf(job), { once: true });
        queue.push(job);
        pump();
      });
    },
    idle: () => (closed ? 0 : Math.max(0, slots.filter((s) => !s.busy).length + (size - slots.length) - queue.length)),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(cancelled());
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
