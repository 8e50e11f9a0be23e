import { readFile } from 'node:fs/promises';
import type { DataType, Format } from '../../../src-preload/contract';
import type { RowBatch } from '../../formats/row-batch';
import { decodeCsv } from './decode-csv';
import { DecodeError } from './decode-error';
import { decodeJson } from './decode-json';
import { decodeParquet } from './decode-parquet';
import { finishTable } from './finish-table';

/**
 * Reads a whole downloaded file into columns: the "full parse" that verifies it. `hints` give the
 * data type of each column the request named, so text cells land in the right kind of column.
 */
export async function decodeFile(path: string, format: Format, hints: Record<string, DataType> = {}): Promise<RowBatch> {
  try {
    switch (format) {
      case 'parquet':
        return finishTable(decodeParquet(new Uint8Array(await readFile(path))));
      case 'csv':
        return finishTable(await decodeCsv(path, hints));
      case 'json':
        return finishTable(await decodeJson(path, hints));
    }
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new DecodeError(`The file could not be read (${code}).`);
    throw new DecodeError(`The file could not be read: ${(error as Error)?.message ?? String(error)}`);
  }
}
