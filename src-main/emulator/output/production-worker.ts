import { parentPort } from 'node:worker_threads';
import { serveTasks } from '../../workers/serve-tasks';
import { produceFile, ProductionTimeout } from './produce-file';
import { ToProducer, type FromProducer } from './producer';

/*
 * The emulator's production thread (bundled as production-worker.js, see producer.ts): writes the
 * files of data requests, one message each, cancelled by message. Its priority is the thread's
 * that starts it (Linux threads inherit their creator's nice value): background for Demo data.
 */

const post = (msg: FromProducer) => parentPort!.postMessage(msg);

serveTasks({
  name: 'the production worker',
  schema: ToProducer,
  refuse: (id, message) => post({ type: 'failed', id, timeout: false, message }),
  async run(msg, signal) {
    const { limitMs, ...job } = msg.job;
    try {
      post({ type: 'done', id: msg.id, file: await produceFile({ ...job, deadline: performance.now() + limitMs, abort: signal }) });
    } catch (error) {
      post({
        type: 'failed',
        id: msg.id,
        timeout: error instanceof ProductionTimeout,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  },
});
post({ type: 'ready' });
