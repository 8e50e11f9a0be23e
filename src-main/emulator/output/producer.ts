import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../workers/worker-entry';
import { produceFile, ProductionTimeout, type ProducedFile, type ProduceRequest } from './produce-file';

/*
 * Where files are produced: on the thread that serves the API, or on a thread of their own. A
 * server that produces on the thread serving its files starves the downloads: the emulator's
 * loop was held by each 65,536-row chunk it wrote, so a finished file came down 64 kB a chunk
 * (L's first chunk took 740 ms to download while the next one was being produced, against 50 ms
 * with the server idle). The app's Demo data, `npm run emulator` and the bench produce on their
 * own thread; the tests' emulators in-line (one worker less to start per test).
 */

/** A production: the request without what cannot cross threads; `limitMs` from its start. */
export type Production = Omit<ProduceRequest, 'abort' | 'deadline'> & { limitMs: number };

export interface Producer {
  produce(job: Production, abort: AbortSignal): Promise<ProducedFile>;
  close(): Promise<void>;
}

export type ToProducer = { type: 'produce'; id: number; job: Production } | { type: 'cancel'; id: number };
export type FromProducer =
  { type: 'ready' } | { type: 'done'; id: number; file: ProducedFile } | { type: 'failed'; id: number; timeout: boolean; message: string };

export function inlineProducer(): Producer {
  return {
    produce: ({ limitMs, ...job }, abort) => produceFile({ ...job, deadline: performance.now() + limitMs, abort }),
    close: async () => {},
  };
}

/** Produces on a worker thread (production-worker.ts), started now; answers once it is up. */
export async function threadProducer(): Promise<Producer> {
  const entry = workerEntry(import.meta.url, 'production-worker');
  if (!entry) throw new Error('The emulator production worker (production-worker.js) is missing from this build.');
  const worker = new Worker(entry.source, { eval: entry.eval });
  const pending = new Map<number, { resolve(file: ProducedFile): void; reject(error: Error): void }>();
  let nextId = 1;
  let stopped: Error | null = null;
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The production worker stopped as it started (exit code ${code}).`)));
    worker.once('message', (msg: FromProducer) => (msg.type === 'ready' ? resolve() : reject(new Error('unexpected first message'))));
  });
  const fail = (error: Error) => {
    stopped ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The production worker stopped (exit code ${code}).`)));
  worker.on('message', (msg: FromProducer) => {
    if (msg.type === 'ready') return;
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (!pending.size) worker.unref();
    if (msg.type === 'done') p?.resolve(msg.file);
    else p?.reject(msg.timeout ? new ProductionTimeout() : new Error(msg.message));
  });
  // Idle, it must not keep the process alive.
  worker.unref();
  const post = (msg: ToProducer) => worker.postMessage(msg);
  return {
    produce(job, abort) {
      if (stopped) return Promise.reject(stopped);
      const id = nextId++;
      return new Promise<ProducedFile>((resolve, reject) => {
        worker.ref();
        const cancel = () => post({ type: 'cancel', id });
        abort.addEventListener('abort', cancel, { once: true });
        const settle = () => abort.removeEventListener('abort', cancel);
        pending.set(id, {
          resolve: (file) => (settle(), resolve(file)),
          reject: (error) => (settle(), reject(error)),
        });
        post({ type: 'produce', id, job });
      });
    },
    async close() {
      stopped ??= new Error('The emulator is closing.');
      await worker.terminate();
    },
  };
}
