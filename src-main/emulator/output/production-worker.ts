import { parentPort } from 'node:worker_threads';
import { produceFile, ProductionTimeout } from './produce-file';
import { ToProducer, type FromProducer } from './producer';

/*
 * The emulator's production thread (bundled as production-worker.js, see producer.ts): writes the
 * files of data requests, one message each, cancelled by message. Its priority is the thread's
 * that starts it (Linux threads inherit their creator's nice value): background for Demo data.
 */

const running = new Map<number, AbortController>();
const post = (msg: FromProducer) => parentPort!.postMessage(msg);

parentPort!.on('message', (raw: unknown) => {
  const parsed = ToProducer.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    const message = `the production worker was sent a message it does not know: ${parsed.error.issues[0]?.message ?? 'unreadable'}`;
    if (typeof id === 'number') post({ type: 'failed', id, timeout: false, message });
    return;
  }
  const msg = parsed.data;
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
