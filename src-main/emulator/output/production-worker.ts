import { parentPort } from 'node:worker_threads';
import { produceFile, ProductionTimeout } from './produce-file';
import type { FromProducer, ToProducer } from './producer';

/*
 * The emulator's production thread (bundled as production-worker.js, see producer.ts): writes the
 * files of data requests, one message each, cancelled by message. Its priority is the thread's
 * that starts it (Linux threads inherit their creator's nice value): background for Demo data.
 */

const running = new Map<number, AbortController>();
const post = (msg: FromProducer) => parentPort!.postMessage(msg);

parentPort!.on('message', (msg: ToProducer) => {
  if (msg.type === 'cancel') return running.get(msg.id)?.abort();
  const controller = new AbortController();
  running.set(msg.id, controller);
  const { limitMs, ...job } = msg.job;
  produceFile({ ...job, deadline: performance.now() + limitMs, abort: controller.signal })
    .then(
      (file) => post({ type: 'done', id: msg.id, file }),
      (error: unknown) =>
        post({
          type: 'failed',
          id: msg.id,
          timeout: error instanceof ProductionTimeout,
          message: error instanceof Error ? error.message : String(error),
        }),
    )
    .finally(() => running.delete(msg.id));
});
post({ type: 'ready' });
