import { parentPort } from 'node:worker_threads';
import { diskFullError, isDiskFull } from '../../errors/disk-full';
import { ingestChunk, type TaskContext } from './ingest-chunk';
import { toFailure } from './worker-errors';
import { serveTasks } from '../../workers/serve-tasks';
import { BACKGROUND_NICE, lowerThisThread } from '../../workers/thread-priority';
import { writeFile } from './write-file';
import { atomicWrite } from '../save/atomic-save';
import { joinDownloads } from '../save/held-file';
import { ToWorker, type FromWorker, type TaskResult, type WorkerTask } from './worker-protocol';

/*
 * The export workers' entry (bundled as out/main/export-worker.js). One task at a time; a cancel
 * message aborts the running task's signal, which every stage checks between batches. Every
 * message is parsed with the protocol's schema: a task that does not fit fails, named, and the
 * worker stays up.
 */

// Below the main thread (Linux): when the cores are short, the thread that answers the window gets
// one first. Measured by the bench's stall log, L csv at load 17-29, this against nice 0 run side
// by side: the main thread's time waiting for a CPU during stalls 6.7-8.8 s a run against 10.1-11.5 s.
lowerThisThread(BACKGROUND_NICE);

const post = (msg: FromWorker) => parentPort!.postMessage(msg);

serveTasks({
  name: 'the export worker',
  schema: ToWorker,
  refuse: (id, message) => post({ type: 'failed', id, failure: { message } }),
  run: (msg, signal) => run(msg.id, msg.task, signal),
});

function perform(task: WorkerTask, ctx: TaskContext): Promise<TaskResult> {
  switch (task.op) {
    case 'ingest':
      return ingestChunk(task, ctx);
    case 'write':
      return writeFile(task, ctx);
    case 'hold':
      return atomicWrite(task.path, joinDownloads(task.format, task.paths), { overwrite: true }).then((saved) => ({
        op: 'hold',
        ...saved,
      }));
  }
}

async function run(id: number, task: WorkerTask, signal: AbortSignal): Promise<void> {
  try {
    const result = await perform(task, { signal, progress: (progress) => post({ type: 'progress', id, progress }) });
    post({ type: 'done', id, result });
  } catch (error) {
    // A write of a saved file says which disk itself (atomic-save); a chunk's outputs say it here.
    const failure =
      task.op === 'ingest' && isDiskFull(error) ? diskFullError(task.disk, "a chunk's data could not be written", { cause: error }) : error;
    post({
      type: 'failed',
      id,
      failure: signal.aborted ? { app: { kind: 'cancelled', message: 'Cancelled.' }, message: 'Cancelled.' } : toFailure(failure),
    });
  }
}
