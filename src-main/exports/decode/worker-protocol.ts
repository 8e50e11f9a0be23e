import type { DataType, Format } from '../../../src-preload/contract';
import type { TextOptions } from '../convert/convert-file';
import type { RowBatch } from '../../formats/row-batch';

/** What the decode worker is asked to do: one task per worker, which then exits. */
export type WorkerTask =
  | { op: 'decode'; path: string; format: Format; hints: Record<string, DataType> }
  | { op: 'write'; table: RowBatch; format: Format; path: string; options: TextOptions };

export type WorkerAnswer =
  { ok: true; value: RowBatch | number } | { ok: false; error: { decode: boolean; message: string; code?: string } };
