import { BOOL_NULL, type ColumnSpec, type RowBatch } from '../row-batch';
import { BatchBuilder } from '../batch-builder';
import { DecodeError, quoteValue } from '../decode-error';
import { FileChunks } from '../file-chunks';
import { planColumns } from '../match-columns';
import { textOf } from '../text/bytes-text';
import { parseNumberText, scanNumber, scanned } from '../text/parse-number';
import { parseIsoTime, timeReader } from '../text/parse-time';

/*
 * csv -> batches, scanning bytes (never one string for the file: a large csv exceeds V8's longest
 * string). RFC 4180: a quoted field may hold separators, doubled quotes and line breaks; an empty
 * unquoted field is no value, `""` an empty text; lines end with LF, CRLF or CR; a UTF-8 BOM is
 * skipped; every record has as many fields as the header. A file whose header has semicolons and
 * is separated by `;` is read as Excel writes it in comma-decimal locales (decimal mark `,`).
 *
 * Speed: a float cell is read in the same pass that finds its end (scanNumber), a timestamp of the
 * API's form digit by digit; only other cells become strings. Each cell must be what its column's
 * signal holds: text in a float column is an error naming the row, column and value.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;
const COMMA = 44;
const SEMICOLON = 59;
const WHAT = 'csv file';

const TRUE = new Set(['true', 'True', 'TRUE', '1', 't']);
const FALSE = new Set(['false', 'False', 'FALSE', '0', 'f']);

/** What a scan step ended on. */
const FULL = 0; // the batch is full
const MORE = 1; // a record runs past the bytes read so far
const DONE = 2; // the end of the file

/** A cell that is not what its column holds; the row loop adds where. */
class CellError extends Error {}

interface Scan {
  buf: Buffer;
  end: number;
  eof: boolean;
  sep: number;
  decimal: number;
  decimalText: string;
  /** The text of the field readField read; null for an empty unquoted field. */
  text: string | null;
  /** The file column being read, for messages. */
  column: number;
}

function utf8(buf: Buffer, from: number, to: number): string {
  const text = textOf(buf, from, to);
  if (text === null) throw new CellError('holds bytes that are not UTF-8 text');
  return text;
}

/** Reads the field at p into s.text; returns where it ends (at its separator or line end), or -1 to read more. */
function readField(s: Scan, p: number): number {
  const { buf, end, sep } = s;
  if (p < end && buf[p] === QUOTE) {
    let from = p + 1;
    let text = '';
    for (;;) {
      const q = buf.indexOf(QUOTE, from);
      if (q < 0 || q >= end) {
        if (s.eof) throw new DecodeError(`The ${WHAT} ends inside a quoted field.`);
        return -1;
      }
      if (q + 1 === end && !s.eof) return -1; // "" or the closing quote: the next byte decides
      if (buf[q + 1] === QUOTE) {
        text += `${utf8(buf, from, q)}"`;
        from = q + 2;
        continue;
      }
      text += utf8(buf, from, q);
      p = q + 1;
      break;
    }
    if (p < end) {
      const c = buf[p];
      if (c !== sep && c !== LF && c !== CR) throw new CellError('has text after its closing quote');
    }
    s.text = text;
    return p;
  }
  let e = p;
  while (e < end) {
    const c = buf[e];
    if (c === sep || c === LF || c === CR) break;
    if (c === QUOTE) throw new CellError('has a quote inside a field that does not start with one');
    e++;
  }
  if (e === end && !s.eof) return -1;
  s.text = e === p ? null : utf8(buf, p, e);
  return e;
}

/**
 * The header's separator: the first `,` or `;` outside quotes. Our files and the API's start with
 * the timestamp column, whose name holds neither; Excel's comma-decimal csv uses `;`.
 */
function separatorOf(buf: Buffer, from: number, end: number): number {
  let quoted = false;
  for (let i = from; i < end; i++) {
    const c = buf[i];
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) break;
    else if (!quoted && (c === COMMA || c === SEMICOLON)) return c;
  }
  return COMMA;
}

/** The header record at p: its fields, and where the first data row starts; null to read more. */
function readHeader(s: Scan, p: number): { names: string[]; next: number } | null {
  const names: string[] = [];
  for (;;) {
    const e = readField(s, p);
    if (e < 0) return null;
    names.push(s.text ?? '');
    p = e;
    const c = p < s.end ? s.buf[p] : -1;
    if (c === s.sep) p++;
    else {
      if (c === CR) p++;
      if (p < s.end && s.buf[p] === LF) p++;
      else if (c === CR && p === s.end && !s.eof) return null; // CR LF cut between reads
      return { names, next: p };
    }
  }
}

export async function* decodeCsv(
  path: string,
  specsFor: (fileColumns: string[]) => ColumnSpec[],
  batchRows: number,
  signal?: AbortSignal,
  chunkBytes?: number,
): AsyncGenerator<RowBatch> {
  const file = await FileChunks.open(path, chunkBytes);
  try {
    await file.refill(0);
    const scan: Scan = { buf: file.buf, end: file.end, eof: file.eof, sep: COMMA, decimal: 46, decimalText: '.', text: null, column: 0 };
    const sync = () => Object.assign(scan, { buf: file.buf, end: file.end, eof: file.eof });
    let p = file.end >= 3 && file.buf[0] === 0xef && file.buf[1] === 0xbb && file.buf[2] === 0xbf ? 3 : 0;
    let header: { names: string[]; next: number } | null = null;
    for (;;) {
      if (p === scan.end && scan.eof) throw new DecodeError(`The ${WHAT} is empty.`);
      scan.sep = separatorOf(scan.buf, p, scan.end);
      try {
        header = readHeader(scan, p);
      } catch (error) {
        throw error instanceof CellError ? new DecodeError(`The header of the ${WHAT} ${error.message}.`) : error;
      }
      if (header) break;
      await file.refill(p);
      p = 0;
      sync();
    }
    if (scan.sep === SEMICOLON) {
      scan.decimal = COMMA;
      scan.decimalText = ',';
    }
    const specs = specsFor(header.names);
    const plan = planColumns(header.names, specs, WHAT);
    const builder = new BatchBuilder(specs, plan.names, batchRows, false);
    const rows = new RowScanner(scan, builder, header.names, plan.specOf);
    p = header.next;
    for (;;) {
      signal?.throwIfAborted();
      const step = rows.scan(p);
      p = rows.at;
      if (step === FULL) yield builder.finish();
      else if (step === MORE) {
        await file.refill(p);
        p = 0;
        sync();
      } else {
        if (builder.n > 0) yield builder.finish();
        return;
      }
    }
  } finally {
    await file.close();
  }
}

const TIME = 0;
const FLOAT = 1;
const BOOLEAN = 2;
const TEXT = 3;
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** The row loop: fills the builder from the bytes in `s`, one complete record at a time. */
class RowScanner {
  /** Where the scan stopped: the start of the first record not taken. */
  at = 0;
  private readonly readTime = timeReader();
  private readonly last: number;
  /** Per file column: what it holds (TIME, FLOAT, BOOLEAN, TEXT) and the spec it fills. */
  private readonly role: Int8Array;
  constructor(
    private readonly s: Scan,
    private readonly b: BatchBuilder,
    private readonly columns: string[],
    /** Per file column: the spec it fills, -1 for the timestamp. */
    private readonly specOf: Int32Array,
  ) {
    this.last = columns.length - 1;
    this.role = Int8Array.from(specOf, (spec) => {
      if (spec < 0) return TIME;
      const kind = b.kinds[spec];
      return kind === 'float' ? FLOAT : kind === 'boolean' ? BOOLEAN : TEXT;
    });
  }

  scan(p: number): number {
    try {
      return this.rows(p);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      const name = this.columns[this.s.column]!;
      throw new DecodeError(`Row ${this.b.row} of the ${WHAT}, column ${JSON.stringify(name)}: the value ${error.message}.`);
    }
  }

  private fail(message: string): never {
    throw new DecodeError(`Row ${this.b.row} of the ${WHAT} ${message}.`);
  }

  private rows(p: number): number {
    const s = this.s;
    const b = this.b;
    const { buf, end, eof, sep, decimal } = s;
    const specOf = this.specOf;
    const role = this.role;
    const last = this.last;
    const times = b.times;
    // Each file column's float array (the batch's arrays change after each full batch).
    const floats = Array.from(specOf, (spec) => (spec >= 0 ? b.floats[spec]! : times));
    for (;;) {
      const start = p;
      this.at = start;
      if (p >= end) return eof ? DONE : MORE;
      const first = buf[p];
      if (first === LF || first === CR) {
        // A blank line (or the LF of a CR LF split between reads).
        p++;
        continue;
      }
      const row = b.n;
      for (let i = 0; i <= last; i++) {
        const kind = role[i];
        if (kind === FLOAT) {
          // Most cells: [-]digits[.digits], at most 15 digits, read in the pass that finds their end.
          let q = p;
          let c = q < end ? buf[q]! : -1;
          const neg = c === 45;
          if (neg) c = ++q < end ? buf[q]! : -1;
          let m = 0;
          let digits = 0;
          let places = 0;
          while (c >= 48 && c <= 57) {
            m = m * 10 + (c - 48);
            digits++;
            c = ++q < end ? buf[q]! : -1;
          }
          if (c === decimal) {
            c = ++q < end ? buf[q]! : -1;
            while (c >= 48 && c <= 57) {
              m = m * 10 + (c - 48);
              digits++;
              places++;
              c = ++q < end ? buf[q]! : -1;
            }
          }
          if ((c === sep || c === LF || c === CR) && digits > 0 && digits <= 15) {
            const v = places === 0 ? m : m / POW10[places]!;
            floats[i]![row] = neg ? -v : v;
            p = q;
          } else {
            s.column = i;
            const e = this.otherFloat(p, row, specOf[i]!);
            if (e < 0) return MORE;
            p = e;
          }
        } else if (kind === TIME) {
          s.column = i;
          const e = this.time(p, row);
          if (e < 0) return MORE;
          p = e;
        } else {
          s.column = i;
          const e = readField(s, p);
          if (e < 0) return MORE;
          const text = s.text;
          if (kind === BOOLEAN) {
            const v = text === null ? BOOL_NULL : TRUE.has(text) ? 1 : FALSE.has(text) ? 0 : -1;
            if (v < 0) throw new CellError(`${quoteValue(text!)} is not true or false`);
            b.bools[specOf[i]!]![row] = v;
          } else b.strings[specOf[i]!]![row] = text;
          p = e;
        }
        // What ends the field: the separator, or after the last field the end of the line.
        if (p === end) {
          if (!eof) return MORE;
          if (i < last) this.fail(`has ${i + 1} fields where the header has ${last + 1}`);
        } else if (i < last) {
          if (buf[p] !== sep) this.fail(`has ${i + 1} fields where the header has ${last + 1}`);
          p++;
        } else {
          const c = buf[p];
          if (c === sep) this.fail(`has more fields than the header's ${last + 1}`);
          p++;
          if (c === CR && p < end && buf[p] === LF) p++;
        }
      }
      const t = times[row]!;
      if (!(t >= b.lastTime)) b.checkTime(WHAT); // throws, saying why
      b.lastTime = t;
      b.n++;
      this.at = p;
      if (b.n === b.capacity) return FULL;
    }
  }

  /** The timestamp field at p into times[row]: the API's form straight from bytes, others from text. */
  private time(p: number, row: number): number {
    const s = this.s;
    const { buf, end, sep } = s;
    const times = this.b.times;
    let e = p;
    if (p < end && buf[p] !== QUOTE) {
      while (e < end) {
        const c = buf[e];
        if (c === sep || c === LF || c === CR || c === QUOTE) break;
        e++;
      }
    }
    if (e < end && buf[e] !== QUOTE) {
      times[row] = e === p ? Number.NaN : this.readTime(buf, p, e);
      if (times[row] !== times[row] && e > p) throw new CellError(`${quoteValue(utf8(buf, p, e))} is not a date and time`);
      return e;
    }
    e = readField(s, p);
    if (e < 0) return e;
    times[row] = s.text === null ? Number.NaN : parseIsoTime(s.text);
    if (times[row] !== times[row] && s.text !== null) throw new CellError(`${quoteValue(s.text)} is not a date and time`);
    return e;
  }

  /** A float cell the fast path did not take: exponents, many digits, quoted, empty, NaN, Infinity, or not a number. */
  private otherFloat(p: number, row: number, spec: number): number {
    const s = this.s;
    const { buf, end, eof, sep, decimal } = s;
    const out = this.b.floats[spec]!;
    let e = p < end && buf[p] === QUOTE ? -1 : scanNumber(buf, p, end, decimal, false);
    const c = e >= 0 && e < end ? buf[e] : -1;
    if (e >= 0 && (c === sep || c === LF || c === CR || (e === end && eof))) {
      out[row] = scanned.value;
      return e;
    }
    if (e === end) return -1;
    e = readField(s, p);
    if (e < 0) return e;
    const text = s.text;
    if (text === null) out[row] = Number.NaN;
    else {
      const v = parseNumberText(text, s.decimalText);
      if (v === null) throw new CellError(`${quoteValue(text)} is not a number`);
      out[row] = v;
    }
    return e;
  }
}
