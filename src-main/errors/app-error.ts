import type { AppErrorData, ErrorDetails, ErrorKind } from '../../src-preload/contract';

/** The one error type main-process code throws: its kind and details reach the window intact. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: ErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toData(): AppErrorData {
    return this.details ? { kind: this.kind, message: this.message, details: this.details } : { kind: this.kind, message: this.message };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Turns anything thrown into data for the window; unknown errors become `internal`. */
export function toErrorData(error: unknown): AppErrorData {
  if (isAppError(error)) return error.toData();
  if (error instanceof Error && error.name === 'AbortError') return { kind: 'cancelled', message: 'Cancelled.' };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Something went wrong inside Signal Explorer: ${message}` };
}
