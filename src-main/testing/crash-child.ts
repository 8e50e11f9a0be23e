/**
 * A child process that opens the app's log in a data folder, as both hosts do, and then crashes:
 * a rejection nothing handles (`reject`) or an exception nothing catches (`throw`), the API key it
 * was given in the error's message. For the log's crash test (log/process-trail.test.ts).
 *   node --import tsx src-main/testing/crash-child.ts DATA_DIR reject|throw KEY
 */
import { openAppLog } from '../log/app-log';
import { watchProcess } from '../log/process-trail';

const [dataDir, how, key] = process.argv.slice(2) as [string, 'reject' | 'throw', string];
const { log } = openAppLog({ dataDir });
watchProcess(log);
log.hide(key);
log.info('about to crash');
const error = new Error(`a bug that printed the key ${key}`);
if (how === 'reject') void Promise.reject(error);
else
  setTimeout(() => {
    throw error;
  }, 0);
