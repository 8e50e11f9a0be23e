import { join } from 'node:path';
import type { TimeRange } from '../../../src-preload/contract';
import type { RowBatch } from '../../formats/row-batch';
import { createChunkSink } from '../../store/chunk-sink';
import { decodeSummary } from '../../store/summary-codec';
import type { StoreColumn } from '../../store/store-format';
import { sliceTable } from '../../store/testing/table-arbitrary';
import type { ChunkInput, PreviewColumn } from '../preview-types';

/*
 * An export on disk as the engine makes it: the window cut into chunks at `cuts` (times), each
 * chunk's rows written to its store and summary through the worker's sink, in batches of
 * `batchRows`. Real files in `root`.
 */

export interface ExportOnDisk {
  window: TimeRange;
  chunks: (ChunkInput & { table: RowBatch })[];
}

export async function writeExport(
  root: string,
  table: RowBatch,
  window: TimeRange,
  cuts: number[],
  blockRows: (chunk: number) => number,
  batchRows = 1000,
): Promise<ExportOnDisk> {
  const columns: StoreColumn[] = table.columns.map((c) => ({
    name: c.name,
    kind: c.data.kind,
    dataType: c.data.kind === 'float' ? 'float' : c.data.kind === 'boolean' ? 'boolean' : 'string',
  }));
  const bounds = [window.start, ...cuts.filter((t) => t > window.start && t < window.end), window.end];
  const chunks: ExportOnDisk['chunks'] = [];
  let row = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const w = { start: bounds[i]!, end: bounds[i + 1]! };
    const from = row;
    while (row < table.rowCount && table.timestamps[row]! < w.end) row++;
    const rows = sliceTable(table, from, row);
    const dir = join(root, `chunk-${String(i).padStart(4, '0')}`);
    const sink = await createChunkSink(dir, columns, blockRows(i));
    for (let a = 0; a < rows.rowCount; a += batchRows) await sink.append(sliceTable(rows, a, Math.min(rows.rowCount, a + batchRows)));
    const { summary } = await sink.finish();
    chunks.push({ name: String(i).padStart(4, '0'), window: w, storeDir: dir, summary: decodeSummary(summary), table: rows });
  }
  return { window, chunks };
}

export const previewColumns = (table: RowBatch, unit = ''): PreviewColumn[] =>
  table.columns.map((c) => ({
    name: c.name,
    kind: c.data.kind,
    dataType: c.data.kind === 'float' ? 'float' : c.data.kind === 'boolean' ? 'boolean' : 'string',
    physicalUnit: unit,
  }));
