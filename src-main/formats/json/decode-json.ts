import type { ColumnSpec, RowBatch } from '../row-batch';
import type { DataType } from '../../../src-preload/contract';
import { BatchBuilder } from '../batch-builder';
import { DecodeError, quoteValue } from '../decode-error';
import { FileChunks } from '../file-chunks';
import { planColumns, type ColumnPlan } from '../match-columns';
import { textOf } from '../text/bytes-text';
import { scanNumber, scanned } from '../text/parse-number';
import { parseIsoTime, timeReader } from '../text/parse-time';

/*
 * json -> batches, scanning bytes: the file is an array of records, `[{"timestamp": …, "<column>":
 * <value>, …}, …]`, validated as JSON all the way (a cut or damaged file is an error, never data).
 * The first record names the columns, like a csv header; a later record may lack a key (no value
 * there) but may not bring a new one. Keys are matched on their bytes (the record before's order
 * is the first guess), floats read in the same pass that finds their end, the API's timestamps
 * digit by digit; strings are made only for text cells, through JSON.parse when they hold escapes
 * (\uXXXX and surrogate pairs included). Bare NaN and Infinity, which Python writes, are read in
 * float columns; json signals may come as a string of JSON text (as the API writes them) or as
 * the JSON itself.
 */

const WHAT = 'json file';
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

const FULL = 0;
const MORE = 1;
const DONE = 2;

/** Where the scan is in the array: before `[`, before the first item, after `,`, after an item, after `]`. */
const STATE = { before: 0, first: 1, item: 2, next: 3, after: 4 } as const;

class CellError extends Error {}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** Raised when the bytes read so far end inside a record: read more and start the record again. */
const NEED_MORE = -1;

export async function* decodeJson(
  path: string,
  specsFor: (fileColumns: string[]) => ColumnSpec[],
  batchRows: number,
  signal?: AbortSignal,
  chunkBytes?: number,
): AsyncGenerator<RowBatch> {
  const file = await FileChunks.open(path, chunkBytes);
  try {
    await file.refill(0);
    const scanner = new JsonScanner(specsFor, batchRows);
    let p = file.end >= 3 && file.buf[0] === 0xef && file.buf[1] === 0xbb && file.buf[2] === 0xbf ? 3 : 0;
    for (;;) {
      signal?.throwIfAborted();
      const step = scanner.scan(file.buf, p, file.end, file.eof);
      p = scanner.at;
      if (step === FULL) yield scanner.builder!.finish();
      else if (step === MORE) {
        await file.refill(p);
        p = 0;
      } else {
        if (scanner.builder && scanner.builder.n > 0) yield scanner.builder.finish();
        return;
      }
    }
  } finally {
    await file.close();
  }
}

class JsonScanner {
  at = 0;
  builder: BatchBuilder | null = null;
  private state: number = STATE.before;
  private buf!: Buffer;
  private end = 0;
  private eof = false;
  private plan: ColumnPlan | null = null;
  private types: DataType[] = [];
  private columns: string[] = [];
  /** Each file column's key as the first record wrote it. */
  private rawKeys: Uint8Array[] = [];
  private byName = new Map<string, number>();
  /** The row each file column was last set in: a key given twice in one record is an error. */
  private seen = new Float64Array(0);
  private readonly readTime = timeReader();
  private column = -1;
  /** Per file column: its batch's float array when it is a float column (set per batch). */
  private floatsOf: (Float64Array | undefined)[] | null = null;
  private floatsBatch = -1;
  /** Counts attempts at a record (one is repeated after reading more): marks for `seen`. */
  private attempt = 0;

  constructor(
    private readonly specsFor: (fileColumns: string[]) => ColumnSpec[],
    private readonly batchRows: number,
  ) {}

  private get record(): number {
    return this.builder?.row ?? 1;
  }

  private fail(message: string): never {
    throw new DecodeError(`Record ${this.record} of the ${WHAT} ${message}.`);
  }

  /** The end of the bytes read so far: at the end of the file an error, otherwise read more. */
  private short(): number {
    if (this.eof) this.fail('is cut short: the file ends inside it');
    return NEED_MORE;
  }

  /** keysOf's "read more" (or, at the end of the file, the error). */
  private more(): null {
    this.short();
    return null;
  }

  private ws(p: number): number {
    const { buf, end } = this;
    while (p < end && isSpace(buf[p]!)) p++;
    return p;
  }

  scan(buf: Buffer, p: number, end: number, eof: boolean): number {
    this.buf = buf;
    this.end = end;
    this.eof = eof;
    try {
      return this.items(p);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      const name = this.column < 0 ? 'timestamp' : this.columns[this.column]!;
      throw new DecodeError(`Record ${this.record} of the ${WHAT}, column ${JSON.stringify(name)}: the value ${error.message}.`);
    }
  }

  private items(p: number): number {
    for (;;) {
      this.at = p;
      p = this.ws(p);
      if (p >= this.end) {
        if (!this.eof) return MORE;
        if (this.state === STATE.after) return DONE;
        throw new DecodeError(`The ${WHAT} ends early: its closing bracket is missing.`);
      }
      const c = this.buf[p]!;
      switch (this.state) {
        case STATE.before:
          if (c !== OPEN_ARR) throw new DecodeError(`The ${WHAT} is not an array of records: it does not start with "[".`);
          this.state = STATE.first;
          p++;
          continue;
        case STATE.after:
          throw new DecodeError(`The ${WHAT} has text after its closing bracket.`);
        case STATE.next:
          if (c === COMMA) this.state = STATE.item;
          else if (c === CLOSE_ARR) this.state = STATE.after;
          else this.fail('is followed by neither "," nor "]"');
          p++;
          continue;
        case STATE.first:
          if (c === CLOSE_ARR) {
            this.state = STATE.after;
            p++;
            continue;
          }
      }
      if (c !== OPEN_OBJ) this.fail('is not an object');
      if (!this.plan) {
        const names = this.keysOf(p);
        if (names === null) return MORE;
        this.start(names);
      }
      const b0 = this.builder!;
      if (this.floatsBatch !== b0.before) {
        // A new batch has new arrays.
        this.floatsBatch = b0.before;
        this.floatsOf = Array.from(this.plan!.specOf, (spec) => (spec >= 0 && b0.kinds[spec] === 'float' ? b0.floats[spec] : undefined));
      }
      const e = this.row(p);
      if (e === NEED_MORE) return MORE;
      const b = this.builder!;
      b.checkTime(WHAT, 'Record');
      b.n++;
      this.state = STATE.next;
      p = e;
      this.at = p;
      if (b.n === b.capacity) return FULL;
    }
  }

  private start(names: string[]): void {
    const specs = this.specsFor(names);
    this.plan = planColumns(names, specs, WHAT);
    this.types = specs.map((s) => s.dataType);
    this.columns = names;
    this.rawKeys = names.map((n) => Buffer.from(JSON.stringify(n).slice(1, -1), 'utf8'));
    names.forEach((n, i) => this.byName.set(n, i));
    this.seen = new Float64Array(names.length).fill(-1);
    this.builder = new BatchBuilder(specs, this.plan.names, this.batchRows, true);
  }

  /** The keys of the record at p (the first one), in order; null to read more. */
  private keysOf(p: number): string[] | null {
    const names: string[] = [];
    p = this.ws(p + 1);
    if (p < this.end && this.buf[p] === CLOSE_OBJ) return names;
    for (;;) {
      if (p >= this.end) return this.more();
      if (this.buf[p] !== QUOTE) this.fail('has a key that is not a string');
      const e = this.stringEnd(p);
      if (e === NEED_MORE) return null;
      const key = this.stringText(p, e);
      if (names.includes(key)) this.fail(`has the key ${JSON.stringify(key)} twice`);
      names.push(key);
      p = this.ws(e);
      if (p >= this.end) return this.more();
      if (this.buf[p] !== COLON) this.fail('is not valid JSON (":" missing after a key)');
      const v = this.skipValue(this.ws(p + 1), 0);
      if (v === NEED_MORE) return null;
      p = this.ws(v);
      if (p >= this.end) return this.more();
      const c = this.buf[p];
      if (c === CLOSE_OBJ) return names;
      if (c !== COMMA) this.fail('is not valid JSON ("," or "}" expected)');
      p = this.ws(p + 1);
    }
  }

  /** Reads the record at p into the builder's row; returns its end, or NEED_MORE. */
  private row(p: number): number {
    const { buf, end } = this;
    const b = this.builder!;
    const row = b.n;
    const stamp = ++this.attempt;
    const specOf = this.plan!.specOf;
    const raw = this.rawKeys;
    const seen = this.seen;
    const floats = this.floatsOf!;
    let guess = 0;
    let hasTime = false;
    b.times[row] = Number.NaN;
    p = this.ws(p + 1);
    if (p < end && buf[p] === CLOSE_OBJ) this.fail('has no timestamp');
    for (;;) {
      if (p >= end) return this.short();
      if (buf[p] !== QUOTE) this.fail('has a key that is not a string');
      // The key: its bytes against the column expected next (the record before's order), else
      // read as a string and looked up by name.
      let col = -1;
      let e = -1;
      const key = guess < raw.length ? raw[guess]! : null;
      if (key && p + key.length + 1 < end && buf[p + 1 + key.length] === QUOTE) {
        let i = 0;
        while (i < key.length && buf[p + 1 + i] === key[i]) i++;
        if (i === key.length) {
          col = guess;
          e = p + key.length + 2;
        }
      }
      if (col < 0) {
        e = this.stringEnd(p);
        if (e === NEED_MORE) return NEED_MORE;
        const name = this.stringText(p, e);
        col = this.byName.get(name) ?? -1;
        if (col < 0) this.fail(`has a key ${JSON.stringify(name)} that the first record does not have`);
      }
      if (seen[col] === stamp) this.fail(`has the key ${JSON.stringify(this.columns[col])} twice`);
      seen[col] = stamp;
      guess = col + 1;
      // White space is rare between tokens: look for the token first.
      p = e < end && buf[e] === COLON ? e : this.ws(e);
      if (p >= end) return this.short();
      if (buf[p] !== COLON) this.fail('is not valid JSON (":" missing after a key)');
      p++;
      if (p < end && isSpace(buf[p]!)) p = this.ws(p);
      if (p >= end) return this.short();
      const spec = specOf[col]!;
      let v = -1;
      const out = floats[col];
      if (out) {
        // A float: -?(0|[1-9]digits)(.digits)? of at most 15 digits, read in the pass that finds its end.
        let q = p;
        let c = buf[q]!;
        const neg = c === 45;
        if (neg) c = ++q < end ? buf[q]! : -1;
        const first = q;
        let m = 0;
        let digits = 0;
        let places = 0;
        while (c >= 48 && c <= 57) {
          m = m * 10 + (c - 48);
          digits++;
          c = ++q < end ? buf[q]! : -1;
        }
        let ok = digits > 0 && (digits === 1 || buf[first] !== 48);
        if (c === 46) {
          c = ++q < end ? buf[q]! : -1;
          while (c >= 48 && c <= 57) {
            m = m * 10 + (c - 48);
            digits++;
            places++;
            c = ++q < end ? buf[q]! : -1;
          }
          ok &&= places > 0;
        }
        if (ok && digits <= 15 && (c === COMMA || c === CLOSE_OBJ)) {
          const x = places === 0 ? m : m / POW10[places]!;
          out[row] = neg ? -x : x;
          v = q;
        }
      }
      if (v < 0) {
        this.column = spec < 0 ? -1 : col;
        v = spec < 0 ? this.time(p, row) : this.value(p, spec, row);
        if (v === NEED_MORE) return NEED_MORE;
      }
      if (spec < 0) hasTime = true;
      p = v < end && (buf[v] === COMMA || buf[v] === CLOSE_OBJ) ? v : this.ws(v);
      if (p >= end) return this.short();
      const c = buf[p];
      if (c === CLOSE_OBJ) break;
      if (c !== COMMA) this.fail('is not valid JSON ("," or "}" expected)');
      p++;
      if (p < end && isSpace(buf[p]!)) p = this.ws(p);
    }
    if (!hasTime) this.fail('has no timestamp');
    return p + 1;
  }

  /** The timestamp at p: an ISO 8601 string or epoch milliseconds. */
  private time(p: number, row: number): number {
    const { buf } = this;
    const times = this.builder!.times;
    if (buf[p] === QUOTE) {
      const e = this.stringEnd(p);
      if (e === NEED_MORE) return NEED_MORE;
      let t = this.readTime(buf, p + 1, e - 1);
      if (t !== t) {
        const text = this.stringText(p, e);
        t = parseIsoTime(text);
        if (t !== t) throw new CellError(`${quoteValue(text)} is not a date and time`);
      }
      times[row] = t;
      return e;
    }
    const e = this.number(p);
    if (e === NEED_MORE) return NEED_MORE;
    if (e < 0) throw new CellError(`${this.tokenText(p)} is not a date and time`);
    times[row] = scanned.value;
    return e;
  }

  /** Where the token at p ends: at a delimiter, or at the end of the bytes read so far. */
  private tokenEnd(p: number): number {
    const { buf, end } = this;
    while (p < end) {
      const c = buf[p]!;
      if (c === COMMA || c === CLOSE_OBJ || c === CLOSE_ARR || isSpace(c)) break;
      p++;
    }
    return p;
  }

  /** A number at p into `scanned`: its end, NEED_MORE, or -2 when there is no number. */
  private number(p: number): number {
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

  /** A cell's value at p into its column; returns its end. */
  private value(p: number, spec: number, row: number): number {
    const { buf } = this;
    const b = this.builder!;
    const c = buf[p]!;
    if (c === 110 /* n */) {
      const e = this.word(p, 'null');
      if (e === NEED_MORE) return NEED_MORE;
      if (e > 0) return e; // no value: the row was prefilled with none
    }
    const kind = b.kinds[spec];
    if (kind === 'float') {
      const e = this.number(p);
      if (e === NEED_MORE) return NEED_MORE;
      if (e < 0) throw new CellError(`${this.tokenText(p)} is not a number`);
      b.floats[spec]![row] = scanned.value;
      return e;
    }
    if (kind === 'boolean') {
      for (const [word, v] of BOOLEANS) {
        const e = this.word(p, word);
        if (e === NEED_MORE) return NEED_MORE;
        if (e > 0) {
          b.bools[spec]![row] = v;
          return e;
        }
      }
      throw new CellError(`${this.tokenText(p)} is not true or false`);
    }
    // Text: a string as it is; a json signal may also be JSON itself (kept as its text).
    if (c === QUOTE) {
      const e = this.stringEnd(p);
      if (e === NEED_MORE) return NEED_MORE;
      b.strings[spec]![row] = this.stringText(p, e);
      return e;
    }
    const e = this.skipValue(p, 0);
    if (e === NEED_MORE) return NEED_MORE;
    const text = this.buf.toString('utf8', p, e);
    if (this.types[spec] !== 'json' && (c === OPEN_OBJ || c === OPEN_ARR)) throw new CellError(`${quoteValue(text)} is not text`);
    b.strings[spec]![row] = c === OPEN_OBJ || c === OPEN_ARR ? JSON.stringify(JSON.parse(text)) : text;
    return e;
  }

  /** The end of `word` at p when it is there (and ends there), 0 when not, NEED_MORE to read more. */
  private word(p: number, word: string): number {
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
  private stringEnd(p: number): number {
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
  private stringText(p: number, e: number): string {
    const { buf } = this;
    const inner = buf.indexOf(BACKSLASH, p + 1);
    if (inner < 0 || inner >= e - 1) {
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
  private skipValue(p: number, depth: number): number {
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
  private tokenText(p: number): string {
    let e = p;
    while (e < this.end && e - p < 60 && !isSpace(this.buf[e]!) && this.buf[e] !== COMMA && this.buf[e] !== CLOSE_OBJ) e++;
    return quoteValue(this.buf.toString('utf8', p, e));
  }
}

const SPECIAL: [string, number][] = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
];
const BOOLEANS: [string, number][] = [
  ['true', 1],
  ['false', 0],
  ['1', 1],
  ['0', 0],
];
