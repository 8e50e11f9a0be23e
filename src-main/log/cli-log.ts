import { resolve } from 'node:path';
import { LOG_LIMITS } from './app-log';
import { createLogger, type ClosableLogger, type LogDestination } from './pino-logger';
import { readableLine } from './readable-line';
import { openRotatingFile } from './rotating-file';

/*
 * The command line's log: nothing unless asked. `--log-file FILE` appends JSON lines at debug (each
 * API call too) and rotates like the app's, so a nightly job naming the same file does not grow
 * it without end; `--verbose` shows the same lines readable on stderr, beside the progress.
 */
export function openCliLog(opts: { logFile?: string; verbose: boolean; stderr: NodeJS.WritableStream }): ClosableLogger {
  const destinations: LogDestination[] = [];
  if (opts.logFile) {
    const file = openRotatingFile({ path: resolve(opts.logFile), ...LOG_LIMITS });
    destinations.push({ level: 'debug', write: (line) => file.write(line), close: () => file.close() });
  }
  if (opts.verbose) destinations.push({ level: 'debug', write: (line) => void opts.stderr.write(readableLine(line)) });
  return createLogger({
    destinations,
    onWriteError: (error) => opts.stderr.write(`Cannot write the log (${(error as Error).message}); going on without it.\n`),
  });
}
