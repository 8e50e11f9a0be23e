import type { RowBatch } from '../../formats/row-batch';
import type { TextOptions } from '../../formats/encode-batches';
import { writeTable } from './convert-file';

/** csv and json files of a whole table: the batch encoders (src-main/formats) under the old names. */
export const writeCsv = (table: RowBatch, path: string, opts: TextOptions) => writeTable(table, 'csv', path, opts);
export const writeJson = (table: RowBatch, path: string, opts: Omit<TextOptions, 'excelLocale'>) =>
  writeTable(table, 'json', path, { ...opts, excelLocale: null });

export { localColumnName, type TextOptions } from '../../formats/encode-batches';
