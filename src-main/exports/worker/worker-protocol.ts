import { z } from 'zod';
import { AppErrorData, DataType, EveryValues, Format, Slice } from '../../../src-preload/contract';
import type { TextOptions as EncoderTextOptions } from '../../formats/encode-batches';
import type { ColumnSpec as DecoderColumnSpec } from '../../formats/row-batch';
import { Derivations } from '../../../src-preload/contract/derive';
import { SheetRecord } from '../save/export-record';
import { OutputColumn, TypedColumn } from '../output/columns';

/*
 * What crosses between the main process and the export workers, as one schema: the tasks (a chunk
 * read into its sinks, a saved file written), their progress and results, and why one failed. The
 * worker parses every message it gets and the pool every answer (tasks and answers are small:
 * paths, specs, counts; never rows). A worker lives as long as the app (parquet-wasm is compiled
 * once per worker) and runs one task at a time; the main process queues the rest.
 */

const Path = z.string().min(1);
const Id = z.number().int().nonnegative();

/** Where a task's outputs are, named when that disk fills: the app's cache, or beside the CLI's output. */
const Disk = z.enum(['cache', 'target']);

const ColumnSpec = z.object({ names: z.array(z.string()).min(1), dataType: DataType }) satisfies z.ZodType<DecoderColumnSpec>;
const TextOptions = z.object({
  timeZone: z.string(),
  localTimeColumn: z.boolean(),
  excelLocale: z.string().nullable(),
}) satisfies z.ZodType<EncoderTextOptions>;

/**
 * What is done to a chunk's batches between the decoder and the sinks, in this order. Today the
 * aggregation (one row per interval); derived columns and conditions (#26) are further kinds here,
 * applied by worker/batch-transforms.ts.
 */
export const TransformSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('aggregate'), values: EveryValues, columns: z.array(TypedColumn) }),
  /**
   * Derived columns added and conditions tracked (src-main/derive): the text as the request has it,
   * checked again in the worker against `signals` (the columns the decoder gives). Rows before `from`
   * only warm the rolling windows (a chunk's lead-in) and go no further. `first`: the rows begin the
   * export's data. `periods`: where the chunk's condition periods and edges are written (null: not kept).
   */
  z.object({
    kind: z.literal('derive'),
    derivations: Derivations,
    signals: z.array(z.object({ name: z.string(), type: z.enum(['number', 'boolean', 'string']), unit: z.string() })),
    from: z.number(),
    first: z.boolean(),
    periods: Path.nullable(),
  }),
]);
export type TransformSpec = z.infer<typeof TransformSpec>;

/** One place a chunk's batches are written to (worker/open-sink.ts opens each). */
export const SinkSpec = z.discriminatedUnion('kind', [
  /** A csv or json segment of a larger file: no header, no brackets (output/text-sink.ts). */
  z.object({ kind: z.literal('text'), path: Path, format: z.enum(['csv', 'json']), columns: z.array(z.string()), text: TextOptions }),
  /** A parquet segment, joined with the others' row groups into one file. */
  z.object({ kind: z.literal('parquet'), path: Path, columns: z.array(OutputColumn) }),
  /** A dataset's parts of this chunk (one per UTC day it touches), under `dir`. */
  z.object({ kind: z.literal('dataset'), dir: Path, part: z.string().min(1), columns: z.array(OutputColumn) }),
  /** The window's preview data of a chunk: its rows on disk and its summary (see src-main/store). */
  z.object({ kind: z.literal('preview'), dir: Path, blockRows: z.number().int().positive(), columns: z.array(TypedColumn) }),
]);
export type SinkSpec = z.infer<typeof SinkSpec>;

/** Reading one downloaded chunk: decoded once, its rows inside `slice` transformed, then written to every sink. */
export const IngestTask = z.object({
  op: z.literal('ingest'),
  path: Path,
  format: Format,
  specs: z.array(ColumnSpec),
  slice: Slice,
  /** Rows from here (before the slice: a derivation's lead-in) go to the transforms; only the slice's go on to the sinks. */
  readFrom: z.number().optional(),
  transforms: z.array(TransformSpec),
  sinks: z.array(SinkSpec),
  disk: Disk,
  /** Also the file's SHA-256 (`IngestResult.sha256`), hashed here while it is decoded rather than on the main thread. */
  sha256: z.boolean().optional(),
  /**
   * Only these of `specs` (indexes, ascending) are read: one of the column groups of a read split
   * across the workers (exports/run/split-read.ts). The sinks take these columns; no transforms.
   */
  only: z.array(z.number().int().nonnegative()).min(1).optional(),
});
export type IngestTask = z.infer<typeof IngestTask>;

export const WriteSource = z.object({
  path: Path,
  format: Format,
  slice: Slice,
  /** The chunk's name: names a dataset's parts. */
  name: z.string().min(1),
});
export type WriteSource = z.infer<typeof WriteSource>;

export const WriteTarget = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('file'),
    format: z.enum(['csv', 'json', 'parquet']),
    path: Path,
    overwrite: z.boolean(),
    text: TextOptions,
    columns: z.array(OutputColumn),
  }),
  z.object({
    kind: z.literal('xlsx'),
    path: Path,
    overwrite: z.boolean(),
    timeZone: z.string(),
    columns: z.array(OutputColumn),
    expectedRows: z.number().int().nonnegative(),
    record: SheetRecord,
  }),
  z.object({ kind: z.literal('dataset'), dir: Path, columns: z.array(OutputColumn) }),
]);
export type WriteTarget = z.infer<typeof WriteTarget>;

/** A saved file made from an export's chunks: each decoded again, transformed across chunks, written to the target. */
export const WriteTask = z.object({
  op: z.literal('write'),
  sources: z.array(WriteSource),
  specs: z.array(ColumnSpec),
  /** One pass over every chunk in time order (a raw export's chunks may split a bucket). */
  transforms: z.array(TransformSpec),
  target: WriteTarget,
});
export type WriteTask = z.infer<typeof WriteTask>;

/**
 * A ready job's held file (save/held-file.ts): its downloads joined byte for byte into `path`,
 * atomically, hashed as written. Off the main thread: XL's 149 MB hashed and written there while
 * the user zoomed (77 ms of hashing in the main thread's profile during the zoom cases).
 */
export const HoldTask = z.object({ op: z.literal('hold'), format: Format, paths: z.array(Path).min(1), path: Path });
export type HoldTask = z.infer<typeof HoldTask>;

export const WorkerTask = z.discriminatedUnion('op', [IngestTask, WriteTask, HoldTask]);
export type WorkerTask = z.infer<typeof WorkerTask>;

export const IngestResult = z.object({
  op: z.literal('ingest'),
  /** Rows written (aggregated: one per bucket). */
  rows: z.number().int().nonnegative(),
  /** Rows Nortech delivered inside the slice: what the plan measures density with. */
  sourceRows: z.number().int().nonnegative(),
  first: z.number().nullable(),
  last: z.number().nullable(),
  /** Rows the file held outside the slice (a server that sends its end too). */
  dropped: z.number().int().nonnegative(),
  /** What each sink wrote, in the order of the task's `sinks`. */
  sinks: z.array(z.object({ bytes: z.number().int().nonnegative(), files: z.array(z.string()) })),
  /** Rows of the file whose timestamp repeats the row's before (kept, in the order received). */
  duplicates: z.number().int().nonnegative(),
  /** Whether the file came in time order (false: it was sorted as it was read). */
  sorted: z.boolean(),
  /** The file's SHA-256 (hex), when the task asked for it. */
  sha256: z.string().optional(),
});
export type IngestResult = z.infer<typeof IngestResult>;

export const WriteResult = z.object({
  op: z.literal('write'),
  path: Path,
  bytes: z.number().int().nonnegative(),
  /** Of the file; empty for a dataset (its record hashes the list of its parts). */
  sha256: z.string(),
  rows: z.number().int().nonnegative(),
  files: z.array(z.string()),
});
export type WriteResult = z.infer<typeof WriteResult>;

export const HoldResult = z.object({
  op: z.literal('hold'),
  path: Path,
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type HoldResult = z.infer<typeof HoldResult>;

export const TaskResult = z.discriminatedUnion('op', [IngestResult, WriteResult, HoldResult]);
export type TaskResult = z.infer<typeof TaskResult>;
/** The result a task answers: an ingest task an IngestResult, a write task a WriteResult, a hold task the held file. */
export type ResultOf<T extends WorkerTask> = Extract<TaskResult, { op: T['op'] }>;

/** How far a task has come: rows written so far. */
export const TaskProgress = z.object({ rows: z.number().int().nonnegative() });
export type TaskProgress = z.infer<typeof TaskProgress>;

/** Why a task failed, as data (an Error does not survive postMessage with its kind). */
export const WorkerFailure = z.object({
  /** An AppError's data: its kind and details reach the window intact. */
  app: AppErrorData.optional(),
  /** A file that is not what it claims to be (DecodeError). */
  decode: z.boolean().optional(),
  /** Its details (formats/decode-error.ts): where in the file, and whether it is sound but unsupported. */
  decodeDetails: z
    .object({
      line: z.number().int().nonnegative().optional(),
      column: z.string().max(1000).optional(),
      columnType: z.string().max(1000).optional(),
      unsupported: z.boolean().optional(),
    })
    .optional(),
  /** An errno code (ENOSPC, EACCES…). */
  code: z.string().optional(),
  message: z.string(),
});
export type WorkerFailure = z.infer<typeof WorkerFailure>;

export const ToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), id: Id, task: WorkerTask }),
  z.object({ type: z.literal('cancel'), id: Id }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

export const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), id: Id, progress: TaskProgress }),
  z.object({ type: z.literal('done'), id: Id, result: TaskResult }),
  z.object({ type: z.literal('failed'), id: Id, failure: WorkerFailure }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
