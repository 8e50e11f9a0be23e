import { Worker } from 'node:worker_threads';
import { workerEntry } from '../workers/worker-entry';
import type { EmulatorOptions } from './index';
import { silentLogger, type Logger } from '../log/logger';

/** Options that can cross to a worker thread: no clock, no callbacks. */
export type WorkerEmulatorOptions = Omit<EmulatorOptions, 'now' | 'onProduced'>;

export interface WorkerEmulator {
  baseUrl: string;
  apiKey: string;
  close(): Promise<void>;
}

/** Starts the emulator on its own thread: what the app embeds behind "Demo data". */
export function startEmulatorInWorker(opts: WorkerEmulatorOptions, log: Logger = silentLogger): Promise<WorkerEmulator> {
  const entry = workerEntry(import.meta.url, 'emulator-worker');
  if (!entry) return Promise.reject(new Error('The demo data server (emulator-worker.js) is missing from this build.'));
  const worker = new Worker(entry.source, { eval: entry.eval, workerData: opts });
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(new Error(`The demo data server could not start: ${error.message}`));
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`it stopped with exit code ${code}`)));
    worker.once('message', ({ baseUrl, apiKey }: { baseUrl: string; apiKey: string }) => {
      worker.off('error', fail);
      worker.removeAllListeners('exit');
      // After the start, a failure ends "Demo data" only (its calls then fail as unreachable), never the app.
      let closing = false;
      worker.on('error', (error) => log.error('The demo data API failed', { err: error }));
      worker.once('exit', (code) => closing || log.error('The demo data API stopped', { exitCode: code }));
      resolve({
        baseUrl,
        apiKey,
        close: () =>
          new Promise<void>((done) => {
            closing = true;
            worker.once('exit', () => done());
            worker.postMessage('close');
          }),
      });
    });
  });
}
