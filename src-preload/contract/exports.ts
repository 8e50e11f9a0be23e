import { z } from 'zod';
import { call, Done, event } from './define';
import { ConnectionId } from './connections';
import { Signal } from './catalog';
import { AppErrorData } from './errors';

export const Format = z.enum(['parquet', 'csv', 'json']);
export type Format = z.infer<typeof Format>;

/** The API's `rename`: the column the signal gets in the file. */
export const ColumnName = z
  .string()
  .trim()
  .min(1, 'A column needs a name')
  .max(127, 'At most 127 characters')
  .refine((n) => n.toLowerCase() !== 'timestamp', '"timestamp" is the time column');

export const SelectedSignal = Signal.extend({ rename: ColumnName });
export type SelectedSignal = z.infer<typeof SelectedSignal>;

const Instant = z.iso.datetime({ offset: true, message: 'Expected an ISO 8601 date and time' });

/** A resolved window: absolute instants; the window turns "now-6h" into these before asking. */
export const TimeWindow = z
  .object({ start: Instant, end: Instant })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), { message: 'End must be after start', path: ['end'] });
export type TimeWindow = z.infer<typeof TimeWindow>;

export const ExportRequest = z
  .object({
    connectionId: ConnectionId,
    signals: z.array(SelectedSignal).min(1, 'Pick at least one signal').max(500),
    timeWindow: TimeWindow,
    format: Format,
  })
  .superRefine((req, ctx) => {
    const seen = new Map<string, number>();
    req.signals.forEach((s, i) => {
      const key = s.rename.trim().toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['signals', i, 'rename'], message: `Same column name as signal ${first + 1}` });
      } else seen.set(key, i);
    });
  });
export type ExportRequest = z.infer<typeof ExportRequest>;

export const JobId = z.string().min(1).max(64);
export const JobStage = z.enum(['requesting', 'downloading', 'decoding', 'ready', 'failed', 'cancelled']);
export type JobStage = z.infer<typeof JobStage>;

/** A column of the result tied back to its signal. */
export const ColumnInfo = z.object({ name: z.string(), signal: SelectedSignal });
export type ColumnInfo = z.infer<typeof ColumnInfo>;

export const JobResult = z.object({
  rowCount: z.number().int().nonnegative(),
  fileBytes: z.number().int().nonnegative(),
  /** The format the file was downloaded in. */
  format: Format,
  /** First and last timestamp found (epoch ms), null for an empty table. */
  timeRange: z.object({ start: z.number(), end: z.number() }).nullable(),
  columns: z.array(ColumnInfo),
});
export type JobResult = z.infer<typeof JobResult>;

export const JobStatus = z.object({
  jobId: JobId,
  stage: JobStage,
  request: ExportRequest,
  startedAt: z.number(),
  updatedAt: z.number(),
  requestId: z.number().int().optional(),
  /** downloading: bytes so far and, when the host said, in all. */
  bytesDone: z.number().int().nonnegative().optional(),
  bytesTotal: z.number().int().nonnegative().optional(),
  error: AppErrorData.optional(),
  result: JobResult.optional(),
});
export type JobStatus = z.infer<typeof JobStatus>;

export const SaveOptions = z.object({
  jobId: JobId,
  format: Format,
  /** IANA zone for csv/json timestamps; `UTC` by default. Written as ISO 8601 with the offset. */
  timeZone: z.string().min(1).max(64).default('UTC'),
  /** Add a second column with the local wall-clock time. */
  localTimeColumn: z.boolean().default(false),
  /** csv for Excel: UTF-8 with BOM, separator and decimal mark of this locale (e.g. `de-DE`). */
  excelLocale: z.string().min(2).max(35).nullable().default(null),
});
export type SaveOptions = z.infer<typeof SaveOptions>;

export const SaveOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), path: z.string(), bytes: z.number().int(), sha256: z.string() }),
  /** The user closed the save dialog. */
  z.object({ outcome: z.literal('cancelled') }),
  /** Browser mode: the browser downloads these bytes itself. */
  z.object({ outcome: z.literal('download'), url: z.string(), fileName: z.string() }),
]);
export type SaveOutcome = z.infer<typeof SaveOutcome>;

export const exportCalls = {
  'exports.start': call(
    'Start an export job (or join the identical one in flight) and answer its id at once.',
    ExportRequest,
    z.object({ jobId: JobId }),
  ),
  'exports.status': call('Where a job is now.', z.object({ jobId: JobId }), JobStatus),
  'exports.cancel': call('Stop a job at whatever stage it is; a no-op once it has ended.', z.object({ jobId: JobId }), JobStatus),
  'exports.save': call(
    "Save a ready job's data: the main process asks where with its own dialog (browser mode: a download).",
    SaveOptions,
    SaveOutcome,
  ),
  'exports.showInFolder': call('Reveal a file this app saved in the system file manager.', z.object({ path: z.string().min(1) }), Done),
};

export const exportEvents = {
  'exports.progress': event("A job's new stage or progress.", JobStatus),
};
