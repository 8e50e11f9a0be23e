import { BOOL_NULL } from '../row-batch';
import type { BatchBuilder } from '../batch-builder';
import { DecodeError, quoteValue } from '../decode-error';
import { parseNumberText, scanNumber, scanned } from '../text/parse-number';
import { parseTimeText, TIME_FORMS, timeReader } from '../text/parse-time';
import { CellError, CR, DONE, FALSE, FULL, LF, MORE, NULL_WORDS, QUOTE, readField, TRUE, utf8, WHAT, type Scan } from './read-fields';

const TIME = 0;
const FLOAT = 1;
const BOOLEAN = 2;
const TEXT = 3;
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** The row loop: fills the builder from the bytes in `s`, one complete record at a time. */
export class RowScanner {
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
            const v = text === null || NULL_WORDS.has(text) ? BOOL_NULL : TRUE.has(text) ? 1 : FALSE.has(text) ? 0 : -1;
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
      if (times[row] !== times[row] && e > p) {
        const text = utf8(buf, p, e);
        times[row] = parseTimeText(text);
        if (times[row] !== times[row]) throw new CellError(`${quoteValue(text)} is not ${TIME_FORMS}`);
      }
      return e;
    }
    e = readField(s, p);
    if (e < 0) return e;
    times[row] = s.text === null ? Number.NaN : parseTimeText(s.text);
    if (times[row] !== times[row] && s.text !== null) throw new CellError(`${quoteValue(s.text)} is not ${TIME_FORMS}`);
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
    if (text === null || NULL_WORDS.has(text)) out[row] = Number.NaN;
    else {
      const v = parseNumberText(text, s.decimalText);
      if (v === null) throw new CellError(`${quoteValue(text)} is not a number`);
      out[row] = v;
      // NaN written out is a value (DuckDB reads it so), an empty field or null is none.
      if (v !== v) this.b.markNan(spec, row);
    }
    return e;
  }
}
