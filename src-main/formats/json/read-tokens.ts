import { DecodeError, quoteValue } from '../decode-error';
import { textOf } from '../text/bytes-text';
import { scanNumber, scanned } from '../text/parse-number';

/*
 * The tokens of a json file, read from the bytes read so far: strings, words, numbers, any value
 * (skipped), white space. Each returns where its token ends, or NEED_MORE when the bytes read so
 * far end inside it (the record is then read again with more bytes); at the end of the file that
 * is an error. The records (read-records.ts) are read with these.
 */

export const WHAT = 'json file';
export const QUOTE = 34;
export const BACKSLASH = 92;
export const COMMA = 44;
export const COLON = 58;
export const OPEN_OBJ = 123;
export const CLOSE_OBJ = 125;
export const OPEN_ARR = 91;
export const CLOSE_ARR = 93;

/** The bytes read so far end inside a record: read more and start the record again. */
export const NEED_MORE = -1;

/** A cell that is not what its column holds; the record loop adds where. */
export class CellError extends Error {}

export const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

const SPECIAL: [string, number][] = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
];

export class JsonBytes {
  protected buf!: Buffer;
  protected end = 0;
  protected eof = false;

  /** The 1-based number of the record being read, for messages. */
  protected get record(): number {
    return 1;
  }

  protected fail(message: string): never {
    throw new DecodeError(`Record ${this.record} of the ${WHAT} ${message}.`);
  }

  /** The end of the bytes read so far: at the end of the file an error, otherwise read more. */
  protected short(): number {
    if (this.eof) this.fail('is cut short: the file ends inside it');
    return NEED_MORE;
  }

  /** keysOf's "read more" (or, at the end of the file, the error). */
  protected more(): null {
    this.short();
    return null;
  }

  protected ws(p: number): number {
    const { buf, end } = this;
    while (p < end && isSpace(buf[p]!)) p++;
    return p;
  }

  /** Where the token at p ends: at a delimiter, or at the end of the bytes read so far. */
  protected tokenEnd(p: number): number {
    const { buf, end } = this;
    while (p < end) {
      const c = buf[p]!;
      if (c === COMMA || c === CLOSE_OBJ || c === CLOSE_ARR || isSpace(c)) break;
      p++;
    }
    return p;
  }

  /** A number at p into `scanned`: its end, NEED_MORE, or -2 when there is no number. */
  protected number(p: number): number {
    const e = scanNumber(this.buf, p, this.end, 46, true);
    const t = this.tokenEnd(e < 0 ? p : e);
    if (t === this.end && !this.eof) return NEED_MORE; // the token may go on in the next read
    if (e === t) return e;
    // NaN, Infinity, -Infinity: not JSON, but what Python's json module writes.
    for (const [word, value] of SPECIAL) {
      if (t - p === word.length && this.word(p, word) === t) {
        scanned.value = value;
        return t;
      }
    }
    return -2;
  }

  /** The end of `word` at p when it is there (and ends there), 0 when not, NEED_MORE to read more. */
  protected word(p: number, word: string): number {
    const { buf, end } = this;
    for (let i = 0; i < word.length; i++) {
      if (p + i >= end) return this.eof ? 0 : NEED_MORE;
      if (buf[p + i] !== word.charCodeAt(i)) return 0;
    }
    const e = p + word.length;
    if (e === end) return this.eof ? e : NEED_MORE;
    const c = buf[e]!;
    return c === COMMA || c === CLOSE_OBJ || c === CLOSE_ARR || isSpace(c) ? e : 0;
  }

  /** The end (after the closing quote) of the string at p, or NEED_MORE; checks its bytes. */
  protected stringEnd(p: number): number {
    const { buf, end } = this;
    let i = p + 1;
    while (i < end) {
      const c = buf[i]!;
      if (c === QUOTE) return i + 1;
      if (c === BACKSLASH) i += 2;
      else {
        if (c < 0x20) this.fail('has a control character inside a string');
        i++;
      }
    }
    return this.short();
  }

  /** The text of the string buf[p, e) (quotes included). */
  protected stringText(p: number, e: number): string {
    const { buf } = this;
    // Looked for within the string only: indexOf would scan the rest of the buffer for every
    // string without one (40,000 records with a text column took 14 s instead of 0.1 s).
    let inner = p + 1;
    while (inner < e - 1 && buf[inner] !== BACKSLASH) inner++;
    if (inner >= e - 1) {
      const text = textOf(buf, p + 1, e - 1);
      if (text === null) this.fail('has bytes that are not UTF-8 text');
      return text;
    }
    const json = textOf(buf, p, e);
    if (json === null) this.fail('has bytes that are not UTF-8 text');
    try {
      return JSON.parse(json) as string;
    } catch {
      return this.fail(`has a string with a broken escape: ${quoteValue(json)}`);
    }
  }

  /** The end of any JSON value at p (checked loosely; JSON.parse checks what is kept), or NEED_MORE. */
  protected skipValue(p: number, depth: number): number {
    const { buf, end } = this;
    if (p >= end) return this.short();
    if (depth > 64) this.fail('nests too deeply');
    const c = buf[p]!;
    if (c === QUOTE) return this.stringEnd(p);
    if (c === OPEN_OBJ || c === OPEN_ARR) {
      const close = c === OPEN_OBJ ? CLOSE_OBJ : CLOSE_ARR;
      p = this.ws(p + 1);
      if (p < end && buf[p] === close) return p + 1;
      for (;;) {
        if (c === OPEN_OBJ) {
          if (p >= end) return this.short();
          if (buf[p] !== QUOTE) this.fail('is not valid JSON (a key is not a string)');
          const k = this.stringEnd(p);
          if (k === NEED_MORE) return NEED_MORE;
          p = this.ws(k);
          if (p >= end) return this.short();
          if (buf[p] !== COLON) this.fail('is not valid JSON (":" missing after a key)');
          p = this.ws(p + 1);
        }
        const v = this.skipValue(p, depth + 1);
        if (v === NEED_MORE) return NEED_MORE;
        p = this.ws(v);
        if (p >= end) return this.short();
        if (buf[p] === close) return p + 1;
        if (buf[p] !== COMMA) this.fail('is not valid JSON');
        p = this.ws(p + 1);
      }
    }
    for (const word of ['null', 'true', 'false']) {
      const e = this.word(p, word);
      if (e !== 0) return e;
    }
    const e = this.number(p);
    if (e === -2) this.fail(`is not valid JSON near ${this.tokenText(p)}`);
    return e;
  }

  /** The token at p, for messages. */
  protected tokenText(p: number): string {
    let e = p;
    while (e < this.end && e - p < 60 && !isSpace(this.buf[e]!) && this.buf[e] !== COMMA && this.buf[e] !== CLOSE_OBJ) e++;
    return quoteValue(this.buf.toString('utf8', p, e));
  }
}
