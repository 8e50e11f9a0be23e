import type { RowBatch } from './row-batch';

/** How text files show time, and for csv whether it is meant for Excel in a locale. */
export interface TextOptions {
  timeZone: string;
  localTimeColumn: boolean;
  /** csv for Excel in this locale: BOM, and its separator and decimal mark. */
  excelLocale: string | null;
}

/**
 * Text of a file from batches. A file may be assembled from segments written apart: a csv segment
 * after the first has no header, and a json segment's rows start with `,\n` unless they are the
 * first rows of the file.
 */
export interface BatchEncoder {
  /** csv: the header line (a BOM first for Excel); json: `[`. */
  head(): Uint8Array;
  /**
   * The batch's rows: a view into one of two buffers used in turn, valid until the call after the
   * next (so one write may be in flight while the next batch is encoded).
   */
  rows(batch: RowBatch, firstRowsOfFile: boolean): Uint8Array;
  /** json: `\n]\n`, or `]\n` when the file has no rows; csv: nothing. */
  tail(rowsWritten: number): Uint8Array;
}

/** The local-time column's name, not colliding with a signal's. */
export function localColumnName(names: string[]): string {
  let name = 'local_time';
  for (let i = 2; names.includes(name); i++) name = `local_time_${i}`;
  return name;
}
