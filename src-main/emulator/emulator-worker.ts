import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThread, BACKGROUND_NICE } from '../workers/thread-priority';
import { startEmulator, type EmulatorOptions } from './index';

/*
 * The emulator in a worker thread (bundled as out/main/emulator-worker.js): producing a large file
 * holds an event loop for hundreds of milliseconds per chunk, and that must never be the loop
 * that answers the window. It answers { baseUrl, apiKey } once listening, and closes on 'close'.
 */

// Background work, as the export workers are (thread-priority.ts): producing Demo data's files
// must not keep the thread that answers the window waiting for a core.
lowerThisThread(BACKGROUND_NICE);

// Files produced on a thread of their own, so that a download is served while the next is produced.
const emulator = await startEmulator({ productionThread: true, ...(workerData as EmulatorOptions) });
parentPort!.postMessage({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey });
parentPort!.on('message', (message: unknown) => {
  if (message === 'close') void emulator.close().finally(() => process.exit(0));
});
