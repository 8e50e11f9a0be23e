import type { ColumnSpec } from '../row-batch';
import type { DataType } from '../../../src-preload/contract';
import { BatchBuilder } from '../batch-builder';
import { DecodeError, quoteValue } from '../decode-error';
import { planColumns, type ColumnPlan } from '../match-columns';
import { scanned } from '../text/parse-number';
import { epochMs, parseTimeText, TIME_FORMS, timeReader } from '../text/parse-time';
import {
  CellError,
  CLOSE_ARR,
  CLOSE_OBJ,
  COLON,
  COMMA,
  isSpace,
  JsonBytes,
  NEED_MORE,
  OPEN_ARR,
  OPEN_OBJ,
  QUOTE,
  WHAT,
} from './read-tokens';

/*
 * The records of a json file into batches: the array around them, each record's keys matched to
 * the file's columns (the first record names them), each value checked against its column's type.
 */

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** What a scan step ended on: the batch is full, a record runs past the bytes read, the end. */
export const FULL = 0;
export const MORE = 1;
export const DONE = 2;

/** Where the scan is in the array: before `[`, before the first item, after `,`, after an item, after `]`. */
const STATE = { before: 0, first: 1, item: 2, next: 3, after: 4 } as const;

const BOOLEANS: [string, number][] = [
  ['true', 1],
  ['false', 0],
  ['1', 1],
  ['0', 0],
];

export class JsonRecords extends JsonBytes {
  at = 0;
  builder: BatchBuilder | null = null;
  private state: number = STATE.before;
  /** Records one per line (NDJSON), without the array around them. */
  private lines = false;
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
  ) {
    super();
  }

  protected override get record(): number {
    return this.builder?.row ?? 1;
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
        if (this.state === STATE.after || (this.lines && this.state === STATE.next)) return DONE;
        if (this.state === STATE.before) throw new DecodeError(`The ${WHAT} is empty.`);
        throw new DecodeError(`The ${WHAT} ends early: its closing bracket is missing.`);
      }
      const c = this.buf[p]!;
      switch (this.state) {
        case STATE.before:
          if (c === OPEN_OBJ) {
            // NDJSON: a record, then the next on the next line.
            this.lines = true;
            this.state = STATE.item;
            continue;
          }
          if (c !== OPEN_ARR) {
            throw new DecodeError(
              `The ${WHAT} is neither an array of records, records one per line, nor columns: it starts with neither "[" nor "{".`,
            );
          }
          this.state = STATE.first;
          p++;
          continue;
        case STATE.after:
          throw new DecodeError(`The ${WHAT} has text after its closing bracket.`);
        case STATE.next:
          if (this.lines) {
            if (c !== OPEN_OBJ) this.fail('is followed by something that is not a record on the next line');
            this.state = STATE.item;
            continue;
          }
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
        t = parseTimeText(text);
        if (t !== t) throw new CellError(`${quoteValue(text)} is not ${TIME_FORMS}`);
      }
      times[row] = t;
      return e;
    }
    const e = this.number(p);
    if (e === NEED_MORE) return NEED_MORE;
    const t = e < 0 ? Number.NaN : epochMs(scanned.value);
    if (t !== t) throw new CellError(`${this.tokenText(p)} is not ${TIME_FORMS}`);
    times[row] = t;
    return e;
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
      // Bare NaN (as Python writes it) is a value; null is none.
      if (scanned.value !== scanned.value) b.markNan(spec, row);
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
}
