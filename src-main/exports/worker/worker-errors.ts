import { AppError } from '../../errors/app-error';
import { DecodeError } from '../../formats/decode-error';
import { diskFullError } from '../../errors/disk-full';
import type { WorkerFailure } from './worker-protocol';

/** An error thrown in a worker, as data that survives postMessage. */
export function toFailure(error: unknown): WorkerFailure {
  if (error instanceof AppError) return { app: error.toData(), message: error.message };
  if (error instanceof DecodeError) return { decode: true, decodeDetails: { ...error.details }, message: error.message };
  const code = (error as NodeJS.ErrnoException)?.code;
  return { message: error instanceof Error ? error.message : String(error), ...(typeof code === 'string' ? { code } : {}) };
}

/** Back into the AppError the caller expects: a damaged file is `file`, a full disk says so. */
export function fromFailure(f: WorkerFailure): AppError {
  if (f.app) return new AppError(f.app.kind, f.app.message, f.app.details);
  if (f.decode && f.decodeDetails?.unsupported) {
    // Asking again gets the same file: not retried; the download stays (the runner names it).
    return new AppError('file', `The downloaded file holds what Signal Explorer cannot read: ${f.message}`, {
      ...f.decodeDetails,
      hint: 'The file is kept for a bug report: send it to us with the log.',
      retryable: false,
      during: 'decode',
    });
  }
  if (f.decode) {
    return new AppError('file', `The downloaded file is damaged: ${f.message}`, {
      ...f.decodeDetails,
      hint: 'Run the export again; if it keeps failing, try another format.',
      retryable: true,
      during: 'decode',
    });
  }
  if (f.code === 'ENOSPC' || f.code === 'EDQUOT') return diskFullError('cache', 'a file could not be written');
  if (f.code === 'EACCES' || f.code === 'EPERM' || f.code === 'EROFS') {
    return new AppError('file', 'Signal Explorer may not write there.', { hint: 'Choose another folder.' });
  }
  return new AppError('internal', `The export worker failed: ${f.message}`);
}
