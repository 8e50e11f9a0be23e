import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { FloorTable } from './floor-table';

/*
 * The fastest csv/json -> typed arrays we know for these files: one pass over the bytes (no
 * strings, no JSON.parse), 16 MB at a time. Numbers of at most 15 significant digits without an
 * exponent are read exactly as mantissa / 10^k (both exact doubles, one correctly rounded
 * division: Clinger's fast path), anything else through parseFloat; timestamps of the API's form
 * `YYYY-MM-DDTHH:mm:ss.sssZ` digit by digit with the day cached, others through Date.parse.
 * It reads the emulator's files (float columns, one json record per line) and nothing more: a
 * floor, not a general decoder.
 */

const CHUNK = 16 << 20;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const COMMA = 44;
const NL = 10;
const CR = 13;
const QUOTE = 34;

class Columns {
  timestamps: Float64Array;
  columns: Float64Array[];
  n = 0;
  constructor(
    count: number,
    private capacity: number,
  ) {
    this.timestamps = new Float64Array(capacity);
    this.columns = Array.from({ length: count }, () => new Float64Array(capacity));
  }
  /** Room for one more row. */
  grow(): void {
    if (this.n < this.capacity) return;
    this.capacity *= 2;
    const bigger = (a: Float64Array) => {
      const b = new Float64Array(this.capacity);
      b.set(a);
      return b;
    };
    this.timestamps = bigger(this.timestamps);
    this.columns = this.columns.map(bigger);
  }
  finish(): FloorTable {
    const n = this.n;
    return { rows: n, timestamps: this.timestamps.subarray(0, n), columns: this.columns.map((c) => c.subarray(0, n)) };
  }
}

export function parseNumber(b: Uint8Array, from: number, to: number): number {
  if (from >= to) return Number.NaN;
  let i = from;
  const neg = b[i] === 45;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < to; i++) {
    const c = b[i]!;
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) frac = 0;
    else return slowNumber(b, from, to);
  }
  if (digits === 0 || digits > 15) return slowNumber(b, from, to);
  const v = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -v : v;
}

const slowNumber = (b: Uint8Array, from: number, to: number) =>
  Number(Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('latin1'));

/** Timestamp parser with the day cached across calls. */
function timestampReader(): (b: Uint8Array, from: number, to: number) => number {
  let dayKey = -1;
  let dayMs = 0;
  const d = (b: Uint8Array, i: number) => b[i]! - 48;
  return (b, from, to) => {
    if (to - from === 24 && b[from + 10] === 84 && b[from + 23] === 90 && b[from + 19] === 46) {
      const year = ((d(b, from) * 10 + d(b, from + 1)) * 10 + d(b, from + 2)) * 10 + d(b, from + 3);
      const month = d(b, from + 5) * 10 + d(b, from + 6);
      const day = d(b, from + 8) * 10 + d(b, from + 9);
      const key = year * 10_000 + month * 100 + day;
      if (key !== dayKey) {
        dayKey = key;
        dayMs = Date.UTC(year, month - 1, day);
      }
      return (
        dayMs +
        (d(b, from + 11) * 10 + d(b, from + 12)) * 3_600_000 +
        (d(b, from + 14) * 10 + d(b, from + 15)) * 60_000 +
        (d(b, from + 17) * 10 + d(b, from + 18)) * 1000 +
        d(b, from + 20) * 100 +
        d(b, from + 21) * 10 +
        d(b, from + 22)
      );
    }
    return Date.parse(Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('latin1'));
  };
}

/** Calls `onLine(buf, start, end)` for every complete line (end excludes the line break). */
function forEachLine(path: string, onLine: (b: Buffer, start: number, end: number) => void): number {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  let buf = Buffer.allocUnsafe(CHUNK);
  let have = 0;
  try {
    for (;;) {
      if (have === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      const got = readSync(fd, buf, have, buf.length - have, null);
      const end = have + got;
      let start = 0;
      for (let nl = buf.indexOf(NL, 0); nl >= 0 && nl < end; nl = buf.indexOf(NL, start)) {
        onLine(buf, start, nl > start && buf[nl - 1] === CR ? nl - 1 : nl);
        start = nl + 1;
      }
      if (got === 0) {
        if (start < end) onLine(buf, start, end);
        break;
      }
      buf.copy(buf, 0, start, end);
      have = end - start;
    }
  } finally {
    closeSync(fd);
  }
  return size;
}

export function decodeCsvFast(path: string, estimatedRows = 1024): FloorTable {
  const ts = timestampReader();
  let table: Columns | null = null;
  forEachLine(path, (b, start, end) => {
    if (end <= start) return;
    if (!table) {
      const names = b
        .toString('utf8', start, end)
        .replace(/^\uFEFF/, '')
        .split(',');
      if (names[0] !== 'timestamp') throw new Error('the first column is not "timestamp"');
      table = new Columns(names.length - 1, estimatedRows);
      return;
    }
    table.grow();
    const row = table.n++;
    let p = b.indexOf(COMMA, start);
    if (p < 0 || p > end) p = end;
    table.timestamps[row] = ts(b, start, p);
    const cols = table.columns;
    for (let c = 0; c < cols.length; c++) {
      const from = p + 1;
      let q = from;
      while (q < end && b[q] !== COMMA) q++;
      cols[c]![row] = parseNumber(b, from, q);
      p = q;
    }
  });
  if (!table) throw new Error('empty csv');
  return (table as Columns).finish();
}

export function decodeJsonFast(path: string, estimatedRows = 1024): FloorTable {
  const ts = timestampReader();
  let table: Columns | null = null;
  let keys: Uint8Array[] = [];
  const sameKey = (b: Buffer, from: number, to: number, key: Uint8Array | undefined) => {
    if (!key || key.length !== to - from) return false;
    for (let i = 0; i < key.length; i++) if (b[from + i] !== key[i]) return false;
    return true;
  };
  forEachLine(path, (b, start, end) => {
    if (b[start] !== 123 /* { */) return;
    if (!table) {
      // The first record names the columns (in order; every record repeats them in that order).
      // (Keys are read from the text: Object.keys would put numeric names like "123" first.)
      const names = [...b.toString('utf8', start, end).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
      if (names[0] !== 'timestamp') throw new Error('the first key is not "timestamp"');
      keys = names.slice(1).map((n) => Buffer.from(n));
      table = new Columns(keys.length, estimatedRows);
    }
    table.grow();
    const row = table.n++;
    // {"timestamp":"...","<key>":<number|null>,...}
    if (b[start + 12] !== 58 || b[start + 13] !== QUOTE) throw new Error(`record ${row + 1}: expected {"timestamp":"...`);
    let p = start + 14; // past {"timestamp":"
    let q = b.indexOf(QUOTE, p);
    table.timestamps[row] = ts(b, p, q);
    p = q + 1; // at , or }
    const cols = table.columns;
    for (let c = 0; c < cols.length; c++) {
      const keyStart = p + 2; // past ,"
      q = b.indexOf(QUOTE, keyStart);
      if (!sameKey(b, keyStart, q, keys[c])) throw new Error(`record ${row + 1}: unexpected key`);
      const from = q + 2; // past ":
      let to = from;
      while (to < end && b[to] !== COMMA && b[to] !== 125) to++;
      cols[c]![row] = b[from] === 110 /* n(ull) */ ? Number.NaN : parseNumber(b, from, to);
      p = to;
    }
  });
  if (!table) throw new Error('empty json');
  return (table as Columns).finish();
}
