import type { ColumnData, RowBatch } from '../formats/row-batch';
import { align8, type Page, type PageColumn } from './store-format';

/*
 * A batch as one page of rows.bin: the buffers to write in order (views of the batch's own typed
 * arrays where possible, so a float column costs no copy) and the page's directory entry.
 */

const PAD = new Uint8Array(8);

export interface EncodedPage {
  buffers: Uint8Array[];
  bytes: number;
  page: Page;
}

const bytesOf = (a: Float64Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export function encodePage(batch: RowBatch, row: number, at: number): EncodedPage {
  const buffers: Uint8Array[] = [];
  let offset = at;
  const push = (b: Uint8Array) => {
    const start = offset;
    buffers.push(b);
    offset += b.byteLength;
    const pad = align8(b.byteLength) - b.byteLength;
    if (pad) {
      buffers.push(PAD.subarray(0, pad));
      offset += pad;
    }
    return start;
  };
  const ts = push(bytesOf(batch.timestamps.subarray(0, batch.rowCount)));
  const columns: PageColumn[] = batch.columns.map((c) => encodeColumn(c.data, batch.rowCount, push));
  return { buffers, bytes: offset - at, page: { row, rows: batch.rowCount, ts, columns } };
}

function encodeColumn(data: ColumnData, rows: number, push: (b: Uint8Array) => number): PageColumn {
  if (data.kind !== 'string') return { at: push(bytesOf(data.values.subarray(0, rows))) };
  const ends = new Float64Array(rows);
  const valid = new Uint8Array(rows);
  let text = Buffer.allocUnsafe(1024);
  let end = 0;
  for (let i = 0; i < rows; i++) {
    const v = data.values[i];
    if (v != null) {
      valid[i] = 1;
      // utf8 takes at most 3 bytes per UTF-16 unit.
      if (end + v.length * 3 > text.length) {
        const grown = Buffer.allocUnsafe(Math.max(text.length * 2, end + v.length * 3));
        text.copy(grown, 0, 0, end);
        text = grown;
      }
      end += text.write(v, end, 'utf8');
    }
    ends[i] = end;
  }
  const at = push(bytesOf(ends));
  const validAt = push(valid);
  const bytesAt = push(new Uint8Array(text.buffer, text.byteOffset, end));
  return { ends: at, valid: validAt, bytes: bytesAt, byteLength: end };
}
