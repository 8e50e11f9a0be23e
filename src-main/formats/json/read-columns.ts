import { createReadStream } from 'node:fs';
import type { ColumnSpec, RowBatch } from '../row-batch';
import { BOOL_NULL } from '../row-batch';
import { BatchBuilder } from '../batch-builder';
import { DecodeError, quoteValue } from '../decode-error';
import { FileChunks, withLine } from '../file-chunks';
import { planColumns } from '../match-columns';
import { scanned } from '../text/parse-number';
import { epochMs, parseTimeText, TIME_FORMS, timeReader } from '../text/parse-time';
import { CellError, CLOSE_ARR, COMMA, isSpace, JsonBytes, NEED_MORE, OPEN_ARR, OPEN_OBJ, QUOTE, WHAT } from './read-tokens';

/*
 * json as columns, `{"timestamp": [...], "<column>": [...], ...}` (what pandas' to_dict('list') and
 * column-oriented writers give), streamed: a first pass finds where each column's array starts
 * and how many values it holds (bytes scanned, nothing kept), then every column is read at once,
 * each by a cursor of its own on the file, a batch of rows at a time. Memory: a read buffer per
 * column (256 KB) and one batch, whatever the file's size.
 */

const CURSOR_BYTES = 256 << 10;

interface ColumnRange {
  name: string;
  /** The file offset just after the column's `[`. */
  start: number;
  count: number;
}

/** Whether the object at p (the file's first `{`) is columns: its first key's value is an array. */
export function startsColumns(buf: Buffer, p: number, end: number): boolean {
  let i = p + 1;
  while (i < end && isSpace(buf[i]!)) i++;
  if (buf[i] !== QUOTE) return false;
  for (i++; i < end && buf[i] !== QUOTE; i++) if (buf[i] === 92) i++;
  for (i++; i < end && (isSpace(buf[i]!) || buf[i] === 58); i++);
  return buf[i] === OPEN_ARR;
}

/** The first pass: each top-level key, where its array starts, how many values it has. */
async function columnRanges(path: string, signal?: AbortSignal): Promise<ColumnRange[]> {
  const out: ColumnRange[] = [];
  let state = 0; // 0 before {, 1 key or }, 2 in key, 3 colon, 4 value, 5 in array, 6 after value, 7 done
  let key: number[] = [];
  let escape = false;
  let inString = false;
  let depth = 0;
  let commas = 0;
  let filled = false;
  let start = 0;
  let offset = 0;
  const fail = (message: string): never => {
    throw new DecodeError(`The ${WHAT} ${message}.`);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    signal?.throwIfAborted();
    let i = offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
    for (; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (state === 5) {
        if (inString) {
          if (escape) escape = false;
          else if (c === 92) escape = true;
          else if (c === QUOTE) inString = false;
        } else if (c === QUOTE) {
          inString = true;
          filled = true;
        } else if (c === OPEN_ARR || c === OPEN_OBJ) {
          depth++;
          filled = true;
        } else if (c === CLOSE_ARR || c === 125) {
          if (--depth === 0) {
            out.push({ name: JSON.parse(Buffer.from(key).toString('utf8')) as string, start, count: filled ? commas + 1 : 0 });
            state = 6;
          }
        } else if (c === COMMA && depth === 1) commas++;
        else if (!isSpace(c)) filled = true;
        continue;
      }
      if (state === 2) {
        key.push(c);
        if (escape) escape = false;
        else if (c === 92) escape = true;
        else if (c === QUOTE) state = 3;
        continue;
      }
      if (isSpace(c)) continue;
      if (state === 0) {
        if (c !== OPEN_OBJ) fail('is not an object of columns');
        state = 1;
      } else if (state === 1) {
        if (c === 125 && out.length === 0) state = 7;
        else if (c !== QUOTE) fail('has a key that is not a string');
        else {
          key = [c];
          state = 2;
        }
      } else if (state === 3) {
        if (c !== 58) fail('is not valid JSON (":" missing after a key)');
        state = 4;
      } else if (state === 4) {
        const name = Buffer.from(key).toString('utf8');
        if (c !== OPEN_ARR) fail(`has columns, and ${name} is not an array of values`);
        state = 5;
        depth = 1;
        commas = 0;
        filled = false;
        start = offset + i + 1;
      } else if (state === 6) {
        if (c === COMMA) state = 1;
        else if (c === 125) state = 7;
        else fail('is not valid JSON ("," or "}" expected after a column)');
      } else fail('has text after its closing brace');
    }
    offset += chunk.length;
  }
  if (state !== 7) fail('ends early: it is cut inside its columns');
  return out;
}

/** One column's values, read from its own place in the file. */
class ColumnCursor extends JsonBytes {
  private p = 0;
  private readonly readTime = timeReader();
  constructor(
    private readonly file: FileChunks,
    private readonly name: string,
    private readonly path: string,
  ) {
    super();
  }

  static async open(path: string, range: ColumnRange): Promise<ColumnCursor> {
    const file = await FileChunks.open(path, CURSOR_BYTES, range.start);
    await file.refill(0);
    return new ColumnCursor(file, range.name, path);
  }

  /** Fills rows [0, n) of the builder's column `col` (-1: the timestamps); `before`: rows of earlier batches. */
  async fill(b: BatchBuilder, col: number, n: number): Promise<void> {
    for (let row = 0; row < n;) {
      this.buf = this.file.buf;
      this.end = this.file.end;
      this.eof = this.file.eof;
      let e: number;
      try {
        e = this.one(b, col, row);
      } catch (error) {
        const message =
          error instanceof CellError
            ? `Row ${b.before + row + 1} of the ${WHAT}, column ${JSON.stringify(this.name)}: the value ${error.message}.`
            : null;
        throw await withLine(message ? new DecodeError(message) : error, this.path, this.file.fileOffset(this.p));
      }
      if (e === NEED_MORE) {
        await this.file.refill(this.p);
        this.p = 0;
        continue;
      }
      this.p = e;
      row++;
    }
  }

  /** The value at p into the row; returns past its comma, or NEED_MORE. */
  private one(b: BatchBuilder, col: number, row: number): number {
    const p = this.ws(this.p);
    if (p >= this.end) return this.short();
    const v = col < 0 ? this.time(b, p, row) : this.value(b, col, p, row);
    if (v === NEED_MORE) return NEED_MORE;
    const q = this.ws(v);
    if (q >= this.end) return this.eof ? q : NEED_MORE;
    if (this.buf[q] === COMMA) return q + 1;
    if (this.buf[q] === CLOSE_ARR) return q;
    return this.fail(`is not valid JSON in column ${JSON.stringify(this.name)} ("," expected)`);
  }

  private time(b: BatchBuilder, p: number, row: number): number {
    if (this.buf[p] === QUOTE) {
      const e = this.stringEnd(p);
      if (e === NEED_MORE) return e;
      let t = this.readTime(this.buf, p + 1, e - 1);
      if (t !== t) {
        const text = this.stringText(p, e);
        t = parseTimeText(text);
        if (t !== t) throw new CellError(`${quoteValue(text)} is not ${TIME_FORMS}`);
      }
      b.times[row] = t;
      return e;
    }
    const e = this.number(p);
    if (e === NEED_MORE) return e;
    const t = e < 0 ? Number.NaN : epochMs(scanned.value);
    if (t !== t) throw new CellError(`${this.tokenText(p)} is not ${TIME_FORMS}`);
    b.times[row] = t;
    return e;
  }

  private value(b: BatchBuilder, s: number, p: number, row: number): number {
    const kind = b.kinds[s];
    const c = this.buf[p]!;
    if (c === 110 /* n */) {
      const e = this.word(p, 'null');
      if (e === NEED_MORE) return e;
      if (e > 0) {
        if (kind === 'float') b.floats[s]![row] = Number.NaN;
        else if (kind === 'boolean') b.bools[s]![row] = BOOL_NULL;
        else b.strings[s]![row] = null;
        return e;
      }
    }
    if (kind === 'float') {
      const e = this.number(p);
      if (e === NEED_MORE) return e;
      if (e < 0) throw new CellError(`${this.tokenText(p)} is not a number`);
      b.floats[s]![row] = scanned.value;
      if (scanned.value !== scanned.value) b.markNan(s, row);
      return e;
    }
    if (kind === 'boolean') {
      for (const [word, v] of [
        ['true', 1],
        ['false', 0],
      ] as const) {
        const e = this.word(p, word);
        if (e === NEED_MORE) return e;
        if (e > 0) {
          b.bools[s]![row] = v;
          return e;
        }
      }
      throw new CellError(`${this.tokenText(p)} is not true or false`);
    }
    if (c === QUOTE) {
      const e = this.stringEnd(p);
      if (e === NEED_MORE) return e;
      b.strings[s]![row] = this.stringText(p, e);
      return e;
    }
    const e = this.skipValue(p, 0);
    if (e === NEED_MORE) return e;
    b.strings[s]![row] = JSON.stringify(JSON.parse(this.buf.toString('utf8', p, e)));
    return e;
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

export async function* decodeJsonColumns(
  path: string,
  specsFor: (fileColumns: string[]) => ColumnSpec[],
  batchRows: number,
  signal?: AbortSignal,
): AsyncGenerator<RowBatch> {
  const ranges = await columnRanges(path, signal);
  const names = ranges.map((r) => r.name);
  const specs = specsFor(names);
  const plan = planColumns(names, specs, WHAT);
  const rows = ranges[plan.timestampColumn]!.count;
  for (const r of ranges) {
    if (r.count !== rows)
      throw new DecodeError(
        `The ${WHAT}'s column ${JSON.stringify(r.name)} has ${r.count} values where "${names[plan.timestampColumn]}" has ${rows}.`,
      );
  }
  const cursors: ColumnCursor[] = [];
  try {
    for (const r of ranges) cursors.push(await ColumnCursor.open(path, r));
    const builder = new BatchBuilder(specs, plan.names, Math.max(1, Math.min(batchRows, rows)), false);
    for (let done = 0; done < rows;) {
      signal?.throwIfAborted();
      const n = Math.min(builder.capacity, rows - done);
      for (let c = 0; c < cursors.length; c++) await cursors[c]!.fill(builder, plan.specOf[c]!, n);
      builder.n = n;
      done += n;
      yield builder.finish();
    }
  } finally {
    await Promise.all(cursors.map((c) => c.close()));
  }
}
