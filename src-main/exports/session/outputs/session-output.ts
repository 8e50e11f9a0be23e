import type { ExportRequest } from '../../../../src-preload/contract';
import type { ChunkPart, ChunkRecord, Manifest } from '../../manifest/manifest';
import type { SinkSpec } from '../../worker/worker-protocol';
import type { SavedDataset, Shard } from '../export-session';
import type { SavedFile } from '../../save/atomic-save';

/*
 * What the session asks of each of its outputs (preview, file, dataset), so that it can hold any
 * combination of them: which sink a chunk is read into in the worker, what to check on a resume,
 * what to do with a chunk in the main process once read and once done, and what to write at the
 * end. An output that needs none of a step does nothing there.
 */

/** What an output knows of the session it belongs to. */
export interface OutputContext {
  request: ExportRequest;
  /** The work folder: segments and staged parts go there. */
  dir: string;
  manifest(): Manifest;
  /** The shard this session runs, if any: names its record. */
  shard?: Shard;
  appVersion: string;
  now(): number;
}

export type OutputSaved =
  | { kind: 'preview' }
  | { kind: 'file'; saved: SavedFile }
  | { kind: 'dataset'; saved: SavedDataset }
  | { kind: 'conditions'; saved: SavedFile };

/** What the worker wrote of a chunk into this output's sink. */
export interface SinkWritten {
  bytes: number;
  files: string[];
}

export interface SessionOutput {
  /** What it writes where, for the manifest: a resume must find the same (null: nothing beyond the work folder). */
  readonly key: Record<string, unknown> | null;
  /** Before the first chunk: folders made, storage reachable. */
  prepare(): Promise<void>;
  /** The sink a chunk is read into in the worker; null when it needs none (its piece is the download itself). */
  sink(chunk: ChunkRecord): SinkSpec | null;
  /** Whether what it made of a chunk recorded done is still there (the resume step asks, session/reuse.ts). */
  intact(chunk: ChunkRecord): Promise<boolean>;
  /**
   * Once the worker has read a chunk (`written`: its sink's files), before the chunk is recorded
   * done: the parts it now holds of the chunk, for a resume to check; null when they are the
   * sink's files as written in the work folder (the session records them).
   */
  commit(chunk: ChunkRecord, written: SinkWritten | null): Promise<ChunkPart[] | null>;
  /** A chunk is done (in order of arrival, one at a time); settles once the output has taken it. */
  take(chunk: ChunkRecord): Promise<void>;
  /** The plan grew (after the probe): may throw to stop the export before more is asked (Excel's row limit). */
  planned(m: Manifest): void;
  /** Runs beside the chunks with the done ones in time order (ends when they all are; throws if the export failed). */
  run(inOrder: AsyncIterable<ChunkRecord>, signal: AbortSignal): Promise<void>;
  /** Every chunk of `chunks` is done and taken: the output completes (its record written) and says what it saved. */
  finish(chunks: readonly ChunkRecord[]): Promise<OutputSaved>;
}

/** The steps an output leaves as they are. */
export const quietOutput: Omit<SessionOutput, 'key' | 'sink' | 'finish'> = {
  prepare: async () => undefined,
  intact: async () => true,
  commit: async () => null,
  take: async () => undefined,
  planned: () => undefined,
  run: async () => undefined,
};
