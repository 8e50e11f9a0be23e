import { appVersion } from '../app/version';
import { targetFromEnv } from '../nortech/env';
import { runCli } from './run-cli';

/** `npm run cli -- export|plan|list ...`: see ./usage.ts. */
const controller = new AbortController();
// Ctrl-C cancels the export (its chunks stay for --resume; temporary files go); a second one ends at once.
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});
const io = { stdout: process.stdout, stderr: process.stderr, version: appVersion(), now: Date.now(), signal: controller.signal };
runCli(process.argv.slice(2), io, targetFromEnv()).then((code) => {
  process.exitCode = code;
});
