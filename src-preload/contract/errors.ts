import { z } from 'zod';

/**
 * Every failure that crosses the bridge is one of these kinds, so the window can show it where it
 * belongs (a field, the selection, the connection's key...) rather than as a bare message.
 */
export const ErrorKind = z.enum([
  'validation', // input (the user's, or the API's 400) that does not fit: `details.fields` says which
  'unauthorized', // the API key was refused (401)
  'signals-not-found', // some requested signals do not exist: `details.signals` lists them as requested
  'no-data', // none of the signals has data in the window
  'server-failed', // the data request failed on Nortech's side
  'server-timeout', // the data request timed out on Nortech's side: shorten the window
  'network', // could not reach the API or the file host
  'cancelled', // the user cancelled
  'file', // reading, verifying or writing a file failed
  'not-found', // an entity of ours (job, connection, history entry) does not exist
  'forbidden', // a caller that is not the app's own window
  'unavailable', // the feature does not exist in this mode (e.g. "Show in folder" in a browser)
  'internal', // a bug: the message says what happened
]);
export type ErrorKind = z.infer<typeof ErrorKind>;

export const FieldIssue = z.object({
  /** Dotted path of the field, e.g. `signals.2.rename` or `timeWindow.start`. */
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/** A signal as a request named it: by ID, or by its path (with the column it was to get). */
export const RequestedSignal = z.union([
  z.number().int(),
  z.object({
    workspace: z.string(),
    asset: z.string(),
    division: z.string(),
    unit: z.string(),
    signal: z.string(),
    rename: z.string().optional(),
  }),
]);
export type RequestedSignal = z.infer<typeof RequestedSignal>;

export const ErrorDetails = z
  .object({
    fields: z.array(FieldIssue),
    /** signals-not-found: the missing ones, exactly as the request named them. */
    signals: z.array(RequestedSignal).max(1000),
    /** The HTTP status the API answered, where one did. */
    status: z.number().int(),
    requestId: z.number().int(),
    /** What the user can do next, in plain words. */
    hint: z.string(),
    /** Whether trying the same thing again may work (network failures, 503). */
    retryable: z.boolean(),
    /** How long the API asked us to wait before trying again (its Retry-After), in ms. */
    retryAfterMs: z.number().nonnegative(),
    /** Where an export failed: asking Nortech, downloading, reading the file, or writing ours. */
    during: z.enum(['request', 'download', 'decode', 'write']),
    /** The chunk of a chunked export that failed (epoch ms, [start, end)). */
    slice: z.object({ start: z.number(), end: z.number() }),
    /** `file`: the disk that is full (or whose quota is used up): the cache, or where the file is saved. */
    diskFull: z.enum(['cache', 'target']),
    /** `validation` of Values: the shortest interval that would fit (Excel's row limit), e.g. `1m`. */
    interval: z.string().max(8),
    /** `file` while reading a download: the 1-based line of a text file, the column as the file names it, and its declared type. */
    line: z.number().int().nonnegative(),
    column: z.string().max(1000),
    columnType: z.string().max(1000),
    /** The file is sound but holds what Signal Explorer cannot map: asking again gets the same file; it is kept for a bug report. */
    unsupported: z.boolean(),
    /** The downloaded file kept for a bug report. */
    keptFile: z.string().max(4096),
  })
  .partial();
export type ErrorDetails = z.infer<typeof ErrorDetails>;

export const AppErrorData = z.object({
  kind: ErrorKind,
  message: z.string(),
  details: ErrorDetails.optional(),
});
export type AppErrorData = z.infer<typeof AppErrorData>;

/** What every call answers: the bridge keeps an error's kind and details, not just its message. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };
