import { join } from 'node:path';
import { createLogger, type ClosableLogger } from './pino-logger';
import { LOG_LEVELS, type LogLevel } from './logger';
import { openRotatingFile } from './rotating-file';
import type { Redactor } from './redactor';

/*
 * The log of the desktop app and of browser mode: `<dataDir>/logs/main.log`, JSON lines, rotated
 * at 5 MB with 5 files kept (25 MB at most, months of an ordinary user's lines). `info` and above;
 * SIGNAL_EXPLORER_LOG_LEVEL=debug adds each API call.
 */

export const LOG_LIMITS = { maxBytes: 5 * 1024 * 1024, files: 5 } as const;

export const logDirOf = (dataDir: string) => join(dataDir, 'logs');
export const logFileOf = (dataDir: string) => join(logDirOf(dataDir), 'main.log');

export interface AppLog {
  log: ClosableLogger;
  /** The current file; diagnostics read its last lines. */
  file: string;
  dir: string;
}

export function levelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const wanted = env.SIGNAL_EXPLORER_LOG_LEVEL?.toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(wanted ?? '') ? (wanted as LogLevel) : 'info';
}

export function openAppLog(opts: { dataDir: string; level?: LogLevel; redactor?: Redactor }): AppLog {
  const file = openRotatingFile({ path: logFileOf(opts.dataDir), ...LOG_LIMITS });
  const log = createLogger({
    destinations: [{ level: opts.level ?? 'info', write: (line) => file.write(line), close: () => file.close() }],
    redactor: opts.redactor,
    // The one place the log cannot report to: the terminal the app was started from, if any.
    onWriteError: (error) => console.error(`Signal Explorer cannot write its log ${file.path}; lines are dropped:`, error),
  });
  return { log, file: file.path, dir: logDirOf(opts.dataDir) };
}
