import { BOOL_NULL, type ColumnData, type RowBatch } from '../../formats/row-batch';
import type { ColumnChunk, RowChunk } from '../values/row-chunks';

/** A chunk of the emulator's rows as the batch the shared encoders take (no value: NaN, BOOL_NULL, null). */
export function chunkToBatch(chunk: RowChunk, names: string[]): RowBatch {
  return {
    rowCount: chunk.length,
    timestamps: chunk.timestamps,
    columns: chunk.columns.map((col, i) => ({ name: names[i]!, data: columnData(col) })),
  };
}

function columnData(col: ColumnChunk): ColumnData {
  switch (col.kind) {
    case 'float':
      if (col.nullCount === 0) return { kind: 'float', values: col.values };
      return { kind: 'float', values: Float64Array.from(col.values, (v, r) => (col.valid[r] ? v : Number.NaN)) };
    case 'boolean':
      return { kind: 'boolean', values: Uint8Array.from(col.values, (v, r) => (col.valid[r] ? v : BOOL_NULL)) };
    case 'text':
      return { kind: 'string', values: col.values };
  }
}
