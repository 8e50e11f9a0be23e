import { parentPort, workerData } from 'node:worker_threads';
import { writeTable } from '../convert/convert-file';
import { transferList } from '../../formats/row-batch';
import { DecodeError } from './decode-error';
import { decodeFile } from './decode-file';
import type { WorkerAnswer, WorkerTask } from './worker-protocol';

/*
 * The worker thread's entry (bundled as out/main/decode-worker.js): decoding and converting files
 * here keeps the main process, which answers the window, responsive, and ending the worker gives
 * back parquet-wasm's WebAssembly memory, which otherwise never shrinks.
 */

async function run(task: WorkerTask): Promise<void> {
  if (task.op === 'decode') {
    const table = await decodeFile(task.path, task.format, task.hints);
    const answer: WorkerAnswer = { ok: true, value: table };
    parentPort!.postMessage(answer, transferList(table));
  } else {
    const bytes = await writeTable(task.table, task.format, task.path, task.options);
    parentPort!.postMessage({ ok: true, value: bytes } satisfies WorkerAnswer);
  }
}

run(workerData as WorkerTask).catch((error: unknown) => {
  const answer: WorkerAnswer = {
    ok: false,
    error: {
      decode: error instanceof DecodeError,
      message: error instanceof Error ? error.message : String(error),
      code: (error as NodeJS.ErrnoException)?.code,
    },
  };
  parentPort!.postMessage(answer);
});
