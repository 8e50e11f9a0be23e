import { createRedactor } from './redactor';

/*
 * The main process's log as its services see it: a port, like the others in ports/main-ports.ts.
 * The app and browser mode pass the pino log of the data folder (app-log.ts), the command line its
 * --log-file/--verbose one, tests their own or `silentLogger`.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * What a line says beyond its message: plain values (ids, counts, durations). An error goes in
 * `err` (its type, message, stack and an AppError's kind and details are kept). Never a row or a
 * batch of data: a line is about something that happened.
 */
export type LogFields = Record<string, unknown>;

type Write = (message: string, fields?: LogFields) => void;

export interface Logger {
  debug: Write;
  info: Write;
  warn: Write;
  error: Write;
  /** A logger whose every line also carries `fields` (a job's id, the call being answered). */
  child(fields: LogFields): Logger;
  /**
   * Never write this value, wherever it hides (a field, a message, an error's text): told by
   * whoever holds a secret (a key read from the store, the host's token). Shared by every child.
   */
  hide(secret: string): void;
  /** Text as a line of this log would carry it (every secret it holds redacted): for what leaves the process, like diagnostics. */
  redact(text: string): string;
}

/** The forms of a secret are still redacted where no logger was told any secret. */
const formsOnly = createRedactor();

/** Writes nothing: for tests that do not look at the log, and code run without one. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
  hide: () => undefined,
  redact: (text) => formsOnly.text(text),
};
