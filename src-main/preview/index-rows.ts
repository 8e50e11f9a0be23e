import { cellAt, type Cell } from '../formats/row-batch';
import type { ChunkSet } from './chunk-set';
import type { PreviewColumn, RowsPage, RowsRequest } from './preview-types';

/*
 * A page of the table, read from the stores: the chunks holding rows [offset, offset + limit) by
 * their row offsets, then one read per chunk; a time is found by the chunk's last time and one seek
 * (an 8 KB read). So a page at the end of a year costs what a page at its start does. Offsets count
 * the rows of the chunks loaded so far, in time order: while an export loads, ask by time to stay
 * on the same rows.
 */

export async function indexRows(set: ChunkSet, columns: readonly PreviewColumn[], request: RowsRequest): Promise<RowsPage> {
  const chunks = set.list;
  const total = set.rows;
  const offset = request.at === undefined ? Math.min(request.offset, total) : await offsetOfTime(set, request.at);
  const end = Math.min(total, offset + request.limit);
  const pieces = await Promise.all(
    chunks
      .filter((c) => c.rowOffset < end && c.rowOffset + c.summary.rows > offset)
      .map((c) => set.withStore(c, (store) => store.read(Math.max(0, offset - c.rowOffset), Math.min(c.summary.rows, end - c.rowOffset)))),
  );
  const rows: Cell[][] = [];
  for (const batch of pieces) {
    for (let i = 0; i < batch.rowCount; i++) {
      const row: Cell[] = [batch.timestamps[i]!];
      for (const col of batch.columns) row.push(cellAt(col.data, i));
      rows.push(row);
    }
  }
  return { columns: ['timestamp', ...columns.map((c) => c.name)], rows, total, offset };
}

async function offsetOfTime(set: ChunkSet, at: number): Promise<number> {
  const chunk = set.list.find((c) => c.summary.rows > 0 && c.summary.blockEnd[c.summary.blockEnd.length - 1]! >= at);
  if (!chunk) return set.rows;
  return chunk.rowOffset + (await set.withStore(chunk, (store) => store.rowAtOrAfter(at)));
}
