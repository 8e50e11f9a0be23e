import {
  bool,
  Column,
  columnFromArray,
  columnFromValues,
  dictionary,
  float64,
  tableFromColumns,
  timestamp,
  TimeUnit,
  utf8,
} from '@uwdata/flechette';
import { writeParquetStream } from '../../parquet/stream-writer';
import type { DataType } from '../catalog/catalog-schema';
import type { ColumnChunk, RowChunk } from '../values/row-chunks';
import type { FileSink } from './file-sink';
import type { Checkpoint } from './write-text';

/*
 * parquet output, streamed: each row chunk becomes an Arrow record batch (built with flechette,
 * handed to parquet-wasm as IPC) and one parquet row group, so memory stays at one chunk however
 * many rows. Dictionary encoding is on only for text columns: on high-cardinality floats it is
 * slow and useless (see PERFORMANCE-NOTES).
 */

export async function writeParquet(
  chunks: Iterable<RowChunk>,
  columns: { name: string; dataType: DataType }[],
  sink: FileSink,
  checkpoint: Checkpoint,
  chunkRows: number,
): Promise<void> {
  const iterator = chunks[Symbol.iterator]();
  const next = () => {
    checkpoint();
    const step = iterator.next();
    return step.done ? null : toArrowTable(step.value, columns);
  };
  const options = {
    rowGroupRows: chunkRows,
    createdBy: 'Signal Explorer demo emulator',
    dictionaryColumns: columns.filter((c) => c.dataType === 'string' || c.dataType === 'json').map((c) => c.name),
  };
  await writeParquetStream(
    next,
    options,
    (data) => sink.write(data),
    () => iterator.return?.(),
  );
}

const TIMESTAMP_MS_UTC = timestamp(TimeUnit.MILLISECOND, 'UTC');

function toArrowTable(chunk: RowChunk, columns: { name: string }[]) {
  const arrowColumns: [string, Column<unknown>][] = [['timestamp', columnFromArray(chunk.timestamps, TIMESTAMP_MS_UTC)]];
  chunk.columns.forEach((col, i) => arrowColumns.push([columns[i]!.name, toArrow(col)]));
  return tableFromColumns(arrowColumns);
}

function toArrow(col: ColumnChunk): Column<unknown> {
  switch (col.kind) {
    case 'float':
      // Without nulls the typed array becomes the Arrow buffer as is.
      if (col.nullCount === 0) return columnFromArray(col.values);
      return columnFromValues((add: (v: unknown) => void) => {
        for (let i = 0; i < col.values.length; i++) add(col.valid[i] ? col.values[i] : null);
      }, float64());
    case 'boolean':
      return columnFromValues((add: (v: unknown) => void) => {
        for (let i = 0; i < col.values.length; i++) add(col.valid[i] ? col.values[i] === 1 : null);
      }, bool());
    case 'text':
      // dictionary(utf8()) builds ~20x faster in flechette than utf8(); parquet stores STRING either way.
      return columnFromArray(col.values, dictionary(utf8()));
  }
}
