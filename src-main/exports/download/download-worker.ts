import { parentPort } from 'node:worker_threads';
import { serveTasks } from '../../workers/serve-tasks';
import { DOWNLOAD_NICE, lowerThisThread } from '../../workers/thread-priority';
import { AppError } from '../../errors/app-error';
import { toFailure } from '../worker/worker-errors';
import { downloadFile } from './download-file';
import { ToDownloader, type DownloadJob, type FromDownloader } from './download-protocol';

/*
 * The download thread's entry (bundled as out/main/download-worker.js): chunks' files stream from
 * the file host to disk here, several at once, so that their socket buffers are allocated and
 * collected off the main thread (download-thread.ts says what that cost there).
 */

/** Progress at most this often, or every this many bytes: the window shows it a few times a second. */
const PROGRESS_MS = 50;
const PROGRESS_BYTES = 4 << 20;

lowerThisThread(DOWNLOAD_NICE);

const post = (msg: FromDownloader) => parentPort!.postMessage(msg);

serveTasks({
  name: 'the download thread',
  schema: ToDownloader,
  refuse: (id, message) => post({ type: 'failed', id, failure: { message } }),
  run: (msg, signal) => run(msg.id, msg.job, signal),
});

async function run(id: number, job: DownloadJob, signal: AbortSignal): Promise<void> {
  let sentBytes = 0;
  let sentAt = 0;
  try {
    const { bytes, total } = await downloadFile({
      ...job,
      signal,
      onProgress(done, total) {
        const now = performance.now();
        if (now - sentAt < PROGRESS_MS && done - sentBytes < PROGRESS_BYTES && done !== total) return;
        sentAt = now;
        sentBytes = done;
        post({ type: 'progress', id, done, ...(total !== undefined ? { total } : {}) });
      },
      onRetry: (attempt, reason) => post({ type: 'retry', id, attempt, reason }),
    });
    post({ type: 'done', id, bytes, ...(total !== undefined ? { total } : {}) });
  } catch (error) {
    // downloadFile fails with AppErrors; anything else is named as the download's, not as "the export worker failed".
    const failure =
      error instanceof AppError ? error : new AppError('internal', `The download failed: ${(error as Error)?.message ?? String(error)}`);
    post({ type: 'failed', id, failure: toFailure(failure) });
  }
}
