import { z } from 'zod';
import { call, Done, event } from './define';
import { ConnectionId } from './connections';
import { Signal } from './catalog';
import { AppErrorData } from './errors';
import { AggregateFn, RAW_VALUES, refusedFnsMessage, Values } from './aggregation';
import { END_AFTER_START } from './time-expressions';
import { boundedList, IanaTimeZone, LIMITS, oneLine, OwnId } from './bounds';
import { ColumnName } from './column-name';
import { addDerivationIssues, dataTypeOfValue, Derivations, planOfRequest } from './derive';

export const Format = z.enum(['parquet', 'csv', 'json']);
export type Format = z.infer<typeof Format>;

export { ColumnName } from './column-name';

export const SelectedSignal = Signal.extend({ rename: ColumnName });
export type SelectedSignal = z.infer<typeof SelectedSignal>;

const Instant = z.iso
  .datetime({ offset: true, message: 'Expected an ISO 8601 date and time' })
  .max(40, 'Expected an ISO 8601 date and time');

/** A resolved window: absolute instants; the window turns "now-6h" into these before asking. */
export const TimeWindow = z
  .object({ start: Instant, end: Instant })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), { message: END_AFTER_START, path: ['end'] });
export type TimeWindow = z.infer<typeof TimeWindow>;

export const ExportRequest = z
  .object({
    connectionId: ConnectionId,
    signals: boundedList(SelectedSignal, LIMITS.signals).min(1, 'Pick at least one signal'),
    timeWindow: TimeWindow,
    /** What Nortech is asked for (and the default format of a saved file). */
    format: Format,
    /** The raw rows, or one row per interval with the chosen functions (computed as the data streams). */
    values: Values.default(RAW_VALUES),
    /** Derived signals (more columns, after the signals') and conditions (their periods), evaluated as the chunks stream. */
    derivations: Derivations.optional(),
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
    if (req.values.kind === 'every') {
      const { fns } = req.values;
      req.signals.forEach((s, i) => {
        const refused = refusedFnsMessage(s.rename, s.dataType, fns);
        if (refused) ctx.addIssue({ code: 'custom', path: ['signals', i], message: refused });
      });
    }
    const planned = planOfRequest(req);
    if (!planned.ok) addDerivationIssues(ctx, planned.issues, ['derivations']);
    else if (req.values.kind === 'every') {
      const { fns } = req.values;
      planned.plan.derived.forEach((d, i) => {
        const refused = refusedFnsMessage(d.name, dataTypeOfValue(d.type), fns);
        if (refused) ctx.addIssue({ code: 'custom', path: ['derivations', 'derived', i], message: refused });
      });
    }
  });
export type ExportRequest = z.infer<typeof ExportRequest>;

export const JobId = OwnId;

/**
 * running: planned chunks are being requested, downloaded and read (the preview fills in as they
 * arrive); interrupted: stopped by a crash or a closed app, resumable from its manifest.
 */
export const JobStage = z.enum(['running', 'ready', 'failed', 'cancelled', 'interrupted']);
export type JobStage = z.infer<typeof JobStage>;

/** Stages a job does not leave by itself: only Resume (or a new export) moves it on. */
export const isEndedStage = (stage: JobStage) => stage !== 'running';

/** Epoch milliseconds, `[start, end)`. */
export const Slice = z.object({ start: z.number(), end: z.number() });
export type Slice = z.infer<typeof Slice>;

/** A chunk being tried again, and why. */
export const ChunkRetry = z.object({
  index: z.number().int().nonnegative(),
  slice: Slice,
  attempt: z.number().int().positive(),
  reason: z.string().max(500),
});
export type ChunkRetry = z.infer<typeof ChunkRetry>;

export const JobProgress = z.object({
  /**
   * planning: a first small chunk measures how dense the data is; exporting: chunks run;
   * finishing: the last file is being written.
   */
  phase: z.enum(['planning', 'exporting', 'finishing']),
  /** Share of the whole export done, 0 to 1. */
  fraction: z.number().min(0).max(1),
  chunksDone: z.number().int().nonnegative(),
  chunksTotal: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  /** Downloaded so far. */
  bytes: z.number().int().nonnegative(),
  /** Time left by the pace so far; null until there is a pace. */
  etaMs: z.number().nonnegative().nullable(),
  retrying: z.array(ChunkRetry),
});
export type JobProgress = z.infer<typeof JobProgress>;

/** A column of the result tied back to its signal (`<column>_<fn>` when aggregated). */
export const ColumnInfo = z.object({ name: z.string(), signal: SelectedSignal, fn: AggregateFn.optional() });
export type ColumnInfo = z.infer<typeof ColumnInfo>;

export const JobResult = z.object({
  rowCount: z.number().int().nonnegative(),
  /** Bytes downloaded, over every chunk. */
  fileBytes: z.number().int().nonnegative(),
  /** The format the chunks were downloaded in. */
  format: Format,
  /** First and last timestamp found (epoch ms), null for an empty export. */
  timeRange: Slice.nullable(),
  columns: z.array(ColumnInfo),
  /** One per chunk: any slice can be traced with Nortech. */
  requestIds: z.array(z.number().int()),
});
export type JobResult = z.infer<typeof JobResult>;

export const JobStatus = z.object({
  jobId: JobId,
  stage: JobStage,
  request: ExportRequest,
  startedAt: z.number(),
  updatedAt: z.number(),
  progress: JobProgress,
  error: AppErrorData.optional(),
  result: JobResult.optional(),
});
export type JobStatus = z.infer<typeof JobStatus>;

/** What a saved file can be: the formats Nortech delivers, and Excel. */
export const SaveFormat = z.enum(['parquet', 'csv', 'json', 'xlsx']);
export type SaveFormat = z.infer<typeof SaveFormat>;

/** One file, or a folder of Hive-partitioned parquet files (`date=YYYY-MM-DD/part-NNNN.parquet`). */
export const Layout = z.enum(['file', 'dataset']);
export type Layout = z.infer<typeof Layout>;

/** Whether Intl reads the tag as a locale (the pattern lets through tags like `de-1996-1996`, a variant twice). */
function isKnownLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    // Intl throws for a tag it cannot read: not a locale.
    return false;
  }
}

export const SaveOptions = z
  .object({
    jobId: JobId,
    format: SaveFormat,
    layout: Layout.default('file'),
    /** IANA zone for csv/json/xlsx timestamps; `UTC` by default. Written as ISO 8601 with the offset. */
    timeZone: IanaTimeZone.default('UTC'),
    /** Add a second column with the local wall-clock time. */
    localTimeColumn: z.boolean().default(false),
    /** csv for Excel: UTF-8 with BOM, separator and decimal mark of this locale (e.g. `de-DE`). */
    excelLocale: z
      .string()
      .min(2)
      .max(35)
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'A locale like de-DE')
      .refine(isKnownLocale, 'A locale like de-DE')
      .nullable()
      .default(null),
    /** The file's values when they differ from the export's: a raw export saved as hourly means. */
    values: Values.optional(),
  })
  .refine((o) => o.layout === 'file' || o.format === 'parquet', { message: 'A dataset folder holds parquet files', path: ['layout'] });
export type SaveOptions = z.infer<typeof SaveOptions>;

export const SaveOutcome = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('saved'),
    path: z.string(),
    bytes: z.number().int(),
    /** Of the file; of the export record for a dataset folder. */
    sha256: z.string(),
    /** A dataset folder: how many parquet files it holds. */
    files: z.number().int().optional(),
  }),
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
  'exports.cancel': call(
    'Stop a job at whatever stage it is (every chunk in flight); a no-op once it has ended. Finished chunks are kept for Resume.',
    z.object({ jobId: JobId }),
    JobStatus,
  ),
  'exports.resume': call(
    'Go on with a cancelled, failed or interrupted job from where it stopped: finished chunks are never requested again.',
    z.object({ jobId: JobId }),
    JobStatus,
  ),
  'exports.save': call(
    "Save a ready job's data: the main process asks where with its own dialog (browser mode: a download).",
    SaveOptions,
    SaveOutcome,
  ),
  'exports.showInFolder': call(
    'Reveal a file this app saved in the system file manager.',
    z.object({ path: oneLine(LIMITS.path).min(1, 'Required') }),
    Done,
  ),
};

export const exportEvents = {
  'exports.progress': event("A job's new stage or progress (a few times a second at most).", JobStatus),
};
