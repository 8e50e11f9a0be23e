import pino from 'pino';
import type { LogFields, Logger, LogLevel } from './logger';
import { createRedactor, type Redactor } from './redactor';

/*
 * The Logger port on pino, in this thread: pino writes each line (one JSON object, `level` as its
 * name, `time` in ISO 8601) to destinations of our own (a rotating file, stderr), never through
 * pino's worker-thread transports, which would need their own entry file inside the Electron bundle.
 * Every line passes the redactor on its way out, whatever field or message a secret hides in.
 */

export interface LogDestination {
  /** The lowest level it takes. */
  level: LogLevel;
  /** One whole line, newline included, already redacted. */
  write(line: string): void;
  close?(): void;
}

export interface LoggerOptions {
  destinations: LogDestination[];
  /** Shared with whoever must hide secrets before this logger exists; a fresh one otherwise. */
  redactor?: Redactor;
  /** Told once when a destination first fails to write (a full disk): the log never stops the app. */
  onWriteError?: (error: unknown) => void;
}

/** A Logger that owns its destinations: `close` closes them (files). */
export interface ClosableLogger extends Logger {
  close(): void;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLogger(opts: LoggerOptions): ClosableLogger {
  const redactor = opts.redactor ?? createRedactor();
  let warned = false;
  const streams = opts.destinations.map((d) => ({
    level: d.level,
    stream: {
      write(line: string) {
        try {
          d.write(redactor.text(line));
        } catch (error) {
          // Dropped, said once: a log that cannot be written must not fail what was being logged.
          if (!warned) opts.onWriteError?.(error);
          warned = true;
        }
      },
    },
  }));
  const lowest = opts.destinations.reduce<LogLevel>((low, d) => (RANK[d.level] < RANK[low] ? d.level : low), 'error');
  const root = pino(
    {
      level: opts.destinations.length ? lowest : 'silent',
      // The process, not the machine's name: a bug report should not carry more than it needs.
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Errors arrive as records already (redactor.fields): pino's own serializer would retype them.
      serializers: { err: (record: unknown) => record },
    },
    pino.multistream(streams),
  );

  const wrap = (p: pino.Logger): Logger => {
    const at =
      (level: LogLevel) =>
      (message: string, fields?: LogFields): void => {
        if (!p.isLevelEnabled(level)) return;
        if (fields) p[level](redactor.fields(fields), message);
        else p[level](message);
      };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (fields) => wrap(p.child(redactor.fields(fields))),
      hide: (secret) => redactor.hide(secret),
      redact: (text) => redactor.text(text),
    };
  };
  return {
    ...wrap(root),
    close() {
      for (const d of opts.destinations) d.close?.();
    },
  };
}
