import type { ExportRequest, JobProgress, SaveFormat, Slice } from '../../../src-preload/contract';
import type { WrittenWindow } from '../../../src-preload/contract/recipes';
import type { TextOptions } from '../../formats/encode-batches';
import type { ChunkRecord, Manifest } from '../manifest/manifest';
import type { PlanOptions } from '../plan/chunk-plan';
import type { SavedFile } from '../save/atomic-save';
import type { Logger } from '../../log/logger';
import type { DatasetStorage } from './dataset-storage';

/*
 * One export session: every way of starting an export (the window's jobs, the command line's file
 * and dataset exports, a shard of a plan, the `plan` command's measuring; recipes and schedules
 * next) hands a resolved request and its outputs to `ExportSessions.start`, which assembles the
 * engine in one place (start-session.ts): the work folder and its manifest, the resume step, the
 * plan, the chunks K at a time (request, download, read in a worker into every output's sink), the
 * outputs, the export record. Progress and the result come back the same way for all.
 */

/** One shard of a plan: chunk i (in the plan's order) belongs to shard `i % count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Where a session keeps its manifest, downloads, segments and staged parts. */
export type WorkFolder =
  /** A job of the app, in its cache: kept for the preview, Save…, History and Resume. */
  | { kind: 'cache'; dir: string }
  /** Beside the output (`.NAME.parts/`, see partsDir): removed once the output is complete, kept while something in it can be resumed. */
  | { kind: 'beside-output'; dir: string }
  /** A temporary folder of the session's own, removed when it ends (measuring). */
  | { kind: 'scratch' };

/** Which chunks the session runs. */
export type ChunkSource =
  /** A probe chunk, then the rest of the window cut by the density it measured (the default). */
  | { kind: 'measured' }
  /** A plan made beforehand (`plan`): these slices, in this order; with a shard, only its share. */
  | { kind: 'preset'; slices: Slice[]; shard?: Shard }
  /** Only until the density is known: the plan is the result (`plan`); nothing is kept. */
  | { kind: 'measure' };

/** Where the window's preview of a job takes each chunk once it is done (a job's JobPreview). */
export interface PreviewFeed {
  /** A chunk done (in order of arrival); `total`: the chunks planned now. */
  addChunk(chunk: ChunkRecord, total: number): Promise<void>;
}

/** The outputs of a session, any combination of them (a scheduled run in the app: preview and file). */
export interface OutputSpecs {
  /** The preview's data: each chunk's store and summary in the work folder, fed to `feed` as it is done. */
  preview?: { feed: PreviewFeed };
  /** One file: the chunks' segments assembled in time order into it, atomically, with its export record beside it. */
  file?: {
    path: string;
    format: SaveFormat;
    text: TextOptions;
    overwrite: boolean;
    /** A relative window as written (a recipe's, the command line's `--start now-1d/d`): kept in the record, to be run again. */
    written?: WrittenWindow;
  };
  /** A Hive-partitioned dataset (parquet by UTC day) in `storage`, its record put last. */
  dataset?: {
    storage: DatasetStorage;
    /**
     * When the storage holds another export's dataset (a record for other signals, window or
     * values): refuse (the default), replace it, or add this one beside it where their UTC days do
     * not overlap (its record then named after its first day). Never mixed silently.
     */
    existing?: 'refuse' | 'overwrite' | 'append';
  };
  /** The request's condition periods as one file (one row a period), joined across chunks in time order. */
  conditions?: { path: string; format: SaveFormat; text: TextOptions; overwrite: boolean };
}

export interface SessionSpec {
  /** Resolved: signals looked up, the window absolute, widened to whole buckets when aggregated. */
  request: ExportRequest;
  connection: { apiUrl: string; apiKey: string };
  work: WorkFolder;
  /** A manifest already in the work folder: go on from it, or refuse (the command line without --resume). */
  existing: 'resume' | 'refuse';
  chunks: ChunkSource;
  /** The chunk size and the split floor (see plan/chunk-plan.ts); chunk borders on buckets are the session's. */
  plan?: Partial<PlanOptions>;
  /** Chunks asked for at once. */
  concurrency: number;
  outputs: OutputSpecs;
  /** Stops every chunk; `done` then rejects with `cancelled`. The finished chunks stay for a resume. */
  signal?: AbortSignal;
  /** Where each chunk tried again is told (the app's log, the command line's --log-file). */
  log?: Logger;
  /** What the session has to tell beyond progress (a part of an earlier run that failed its check, asked for again). */
  onNote?: (message: string) => void;
  /**
   * How far it has come: at most every 200 ms while chunks change (the last change is always
   * reported), and at once when a chunk is done and every output has taken it.
   */
  onProgress?: (progress: JobProgress) => void;
}

/** What a file or dataset output saved: the file, or the folder with the hash of its parts' listing. */
export interface SavedDataset extends SavedFile {
  parts: number;
}

export interface SessionResult {
  manifest: Manifest;
  /** The chunks this session answers for: all of the plan, or a shard's. */
  chunks: ChunkRecord[];
  /** Rows of those chunks (aggregated: one per bucket). */
  rows: number;
  file?: SavedFile;
  dataset?: SavedDataset;
  /** The conditions' periods file, when one was asked for. */
  conditions?: SavedFile;
}

export interface ExportSession {
  /** The manifest as it is now; null until the work folder is open. */
  manifest(): Manifest | null;
  /** How far it has come now (what `onProgress` reports). */
  progress(): JobProgress;
  /** Settles once: the result, or the AppError that stopped it (`cancelled` after `cancel` or the spec's signal). */
  readonly done: Promise<SessionResult>;
  cancel(): void;
}

export interface ExportSessions {
  start(spec: SessionSpec): ExportSession;
  /** Ends the export workers if the sessions started their own. */
  close(): Promise<void>;
}
