import type { ColumnChunk, RowChunk } from '../values/row-chunks';
import type { FileSink } from './file-sink';
import { isoFormatter } from './iso-time';

/*
 * csv and json output, one block of bytes per row chunk, written with backpressure. Both carry the
 * same cells as the parquet file: timestamps as ISO 8601 UTC with milliseconds, floats in the
 * shortest form that reads back to the same double, json signals as their JSON text (a string).
 *
 * Speed: appending millions of small strings into one big string and encoding it at the end was
 * twice as slow as encoding each row into a preallocated Buffer (latin1 for the usual all-ASCII
 * row), so rows are built as short strings and copied into blocks.
 */

/** Called between chunks; throws to stop the file (time limit, shutdown). */
export type Checkpoint = () => void;

export async function writeCsv(chunks: Iterable<RowChunk>, names: string[], sink: FileSink, checkpoint: Checkpoint): Promise<void> {
  await sink.write(`${['timestamp', ...names].map(csvField).join(',')}\n`);
  const iso = isoFormatter();
  const out = new Blocks();
  for (const chunk of chunks) {
    checkpoint();
    const cols = chunk.columns;
    for (let r = 0; r < chunk.length; r++) {
      let line = iso(chunk.timestamps[r]!);
      let ascii = true;
      for (let c = 0; c < cols.length; c++) {
        const col = cols[c]!;
        if (col.kind === 'text') {
          const v = col.values[r];
          if (v === null || v === undefined) line += ',';
          else {
            line += v === '' ? ',""' : `,${csvField(v)}`;
            ascii &&= isAscii(v);
          }
        } else line += `,${scalarText(col, r, '')}`;
      }
      out.add(`${line}\n`, ascii);
    }
    await out.flushTo(sink);
  }
}

export async function writeJson(chunks: Iterable<RowChunk>, names: string[], sink: FileSink, checkpoint: Checkpoint): Promise<void> {
  const keys = names.map((n) => `,${JSON.stringify(n)}:`);
  // Column names repeat in every row: a non-ASCII rename makes every row need UTF-8.
  const keysAscii = keys.every(isAscii);
  const iso = isoFormatter();
  const out = new Blocks();
  let separator = '[\n';
  for (const chunk of chunks) {
    checkpoint();
    const cols = chunk.columns;
    for (let r = 0; r < chunk.length; r++) {
      let row = `${separator}{"timestamp":"${iso(chunk.timestamps[r]!)}"`;
      separator = ',\n';
      let ascii = keysAscii;
      for (let c = 0; c < cols.length; c++) {
        const col = cols[c]!;
        if (col.kind === 'text') {
          const v = col.values[r];
          row += keys[c]! + (v === null || v === undefined ? 'null' : JSON.stringify(v));
          if (v) ascii &&= isAscii(v);
        } else row += keys[c]! + scalarText(col, r, 'null');
      }
      out.add(`${row}}`, ascii);
    }
    await out.flushTo(sink);
  }
  // No rows never happens (the API answers 404 first), but the file would still be valid JSON.
  await sink.write(separator === '[\n' ? '[]\n' : '\n]\n');
}

function scalarText(col: Exclude<ColumnChunk, { kind: 'text' }>, r: number, nullText: string): string {
  if (!col.valid[r]) return nullText;
  if (col.kind === 'float') return String(col.values[r]);
  return col.values[r] ? 'true' : 'false';
}

// Printable ASCII and line breaks take the latin1 fast path; anything else (rare control
// characters included) is written as UTF-8, which is correct for all of them.
const NOT_PLAIN_ASCII = /[^\t\n\r -~]/;
const isAscii = (s: string) => !NOT_PLAIN_ASCII.test(s);

/** RFC 4180 quoting: only when the field holds a comma, quote, line break or edge space. */
export function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const BLOCK_BYTES = 4 << 20;

/** Encoded rows waiting to be written, in blocks of a few MB. */
class Blocks {
  private full: Buffer[] = [];
  private buf = Buffer.allocUnsafe(BLOCK_BYTES);
  private off = 0;

  add(s: string, ascii: boolean): void {
    const need = ascii ? s.length : Buffer.byteLength(s, 'utf8');
    if (this.off + need > this.buf.length) {
      this.full.push(this.buf.subarray(0, this.off));
      this.buf = Buffer.allocUnsafe(Math.max(BLOCK_BYTES, need));
      this.off = 0;
    }
    this.off += this.buf.write(s, this.off, ascii ? 'latin1' : 'utf8');
  }

  async flushTo(sink: FileSink): Promise<void> {
    this.full.push(this.buf.subarray(0, this.off));
    const blocks = this.full;
    this.full = [];
    this.buf = Buffer.allocUnsafe(BLOCK_BYTES);
    this.off = 0;
    for (const b of blocks) if (b.byteLength > 0) await sink.write(b);
  }
}
