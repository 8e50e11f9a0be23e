import type { RowBatch } from '../../formats/row-batch';

/**
 * Where the batches of an export go, in time order: a segment of the output, a whole file, a
 * dataset folder. One batch at a time, so memory holds one batch whatever the export's size.
 */
export interface BatchSink {
  add(batch: RowBatch): Promise<void>;
  /** Flushes and closes; answers the bytes written (and, for a folder, its files). */
  finish(): Promise<{ bytes: number; files: string[] }>;
  /** Closes and removes what was written. */
  abort(): Promise<void>;
}
