import type { DataType, Format } from '../../../src-preload/contract';
import type { ColumnData, ColumnSpec, RowBatch } from '../../formats/row-batch';
import { kindOf } from '../../formats/batch-builder';
import { decodeBatchesWith } from '../../formats/decode-batches';
import { DecodeError } from '../../formats/decode-error';
import { isTimestampName } from '../../formats/match-columns';

/*
 * A whole downloaded file as one table: decodeBatches (src-main/formats) with every batch joined,
 * for the export path that still holds whole tables. `hints` give each requested column's data
 * type by the names it may have (rename and ID); a file column that matches none is an error.
 */

function specsFromHeader(hints: Record<string, DataType>) {
  return (fileColumns: string[]): ColumnSpec[] =>
    fileColumns
      .filter((name) => !(isTimestampName(name) && !(name in hints)))
      .map((name) => {
        const dataType = hints[name];
        if (!dataType) throw new DecodeError(`The file has a column ${JSON.stringify(name)} that is none of the requested signals.`);
        return { names: [name], dataType };
      });
}

function join(parts: ColumnData[], kind: ColumnData['kind'], rows: number): ColumnData {
  if (kind === 'string') return { kind, values: parts.flatMap((p) => p.values as (string | null)[]) };
  const values = kind === 'float' ? new Float64Array(rows) : new Uint8Array(rows);
  let at = 0;
  for (const p of parts) {
    values.set(p.values as Float64Array & Uint8Array, at);
    at += p.values.length;
  }
  return { kind, values } as ColumnData;
}

export async function decodeFile(path: string, format: Format, hints: Record<string, DataType> = {}): Promise<RowBatch> {
  let specs: ColumnSpec[] = [];
  const specsFor = specsFromHeader(hints);
  const batches: RowBatch[] = [];
  for await (const batch of decodeBatchesWith(path, format, (names) => (specs = specsFor(names)), {})) batches.push(batch);
  const rows = batches.reduce((n, b) => n + b.rowCount, 0);
  const timestamps = new Float64Array(rows);
  let at = 0;
  for (const b of batches) {
    timestamps.set(b.timestamps, at);
    at += b.rowCount;
  }
  return {
    rowCount: rows,
    timestamps,
    columns: specs.map((spec, c) => ({
      name: batches[0]?.columns[c]!.name ?? spec.names[0]!,
      data: join(
        batches.map((b) => b.columns[c]!.data),
        kindOf(spec.dataType),
        rows,
      ),
    })),
  };
}
