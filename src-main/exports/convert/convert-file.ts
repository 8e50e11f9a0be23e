import type { Format } from '../../../src-preload/contract';
import type { RowBatch } from '../../formats/row-batch';
import { writeParquetFile } from './write-parquet';
import { writeCsv, writeJson, type TextOptions } from './write-text';

/** Writes a decoded table as a new file (which must not exist yet); answers its size in bytes. */
export function writeTable(table: RowBatch, format: Format, path: string, opts: TextOptions): Promise<number> {
  switch (format) {
    case 'parquet':
      return writeParquetFile(table, path);
    case 'csv':
      return writeCsv(table, path, opts);
    case 'json':
      return writeJson(table, path, opts);
  }
}

export type { TextOptions };
