import { parentPort } from 'node:worker_threads';
import { ingestChunk, type IngestTask, type TaskContext } from './ingest-chunk';
import { diskFullError, isDiskFull } from '../../errors/disk-full';
import { toFailure } from './worker-errors';
import { writeFile, type WriteTask } from './write-file';
import type { FromWorker, ToWorker, WorkerTask } from './worker-protocol';

/*
 * The export workers' entry (bundled as out/main/export-worker.js). One task at a time; a cancel
 * message aborts the running task's signal, which every stage checks between batches.
 */

type Handler = (task: never, ctx: TaskContext) => Promise<unknown>;
const handlers: Record<string, Handler> = {
  ingest: (task: IngestTask, ctx) => ingestChunk(task, ctx),
  write: (task: WriteTask, ctx) => writeFile(task, ctx),
};

const running = new Map<number, AbortController>();
const post = (msg: FromWorker) => parentPort!.postMessage(msg);

parentPort!.on('message', (msg: ToWorker) => {
  if ('cancel' in msg) return running.get(msg.id)?.abort();
  void run(msg.id, msg.task);
});

async function run(id: number, task: WorkerTask): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const handler = handlers[task.op];
    if (!handler) throw new Error(`unknown task ${task.op}`);
    const value = await handler(task as never, { signal: controller.signal, progress: (p) => post({ id, progress: p }) });
    post({ id, ok: true, value });
  } catch (error) {
    // A write of a saved file says which disk itself (atomic-save); a chunk's outputs say it here.
    const failure =
      task.op === 'ingest' && isDiskFull(error)
        ? diskFullError((task as IngestTask).disk, "a chunk's data could not be written", { cause: error })
        : error;
    post({
      id,
      ok: false,
      failure: controller.signal.aborted
        ? { app: { kind: 'cancelled', message: 'Cancelled.' }, message: 'Cancelled.' }
        : toFailure(failure),
    });
  } finally {
    running.delete(id);
  }
}
