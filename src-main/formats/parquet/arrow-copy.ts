import { BOOL_NULL, type ColumnSpec } from '../row-batch';
import { kindOf, type BatchBuilder } from '../batch-builder';
import { DecodeError } from '../decode-error';
import { parseIsoTime } from '../text/parse-time';

/*
 * A parquet column, as parquet-wasm hands it over in Arrow (through flechette's batches), copied
 * into the batch's typed arrays: chosen once per column from its Arrow type. Numbers of any width
 * (and decimals) become doubles as DuckDB's CAST(… AS DOUBLE) gives them; timestamps of any unit
 * epoch milliseconds (a division for finer units, so a microsecond lands on the double nearest
 * to it, as DuckDB's epoch_us / 1000); INT96 arrives as nanoseconds. 64-bit integers are read
 * through two 32-bit halves, not BigInt (PERFORMANCE-NOTES, trap 3).
 */

const T = {
  Int: 2,
  Float: 3,
  Utf8: 5,
  Bool: 6,
  Decimal: 7,
  Date: 8,
  Timestamp: 10,
  LargeUtf8: 20,
  Utf8View: 24,
  Dictionary: -1,
} as const;

export interface ArrowType {
  typeId: number;
  bitWidth?: number;
  signed?: boolean;
  unit?: number;
  scale?: number;
  precision?: number;
  dictionary?: ArrowType;
}

/** A flechette batch, as far as the copy needs it. */
export interface Piece {
  length: number;
  nullCount: number;
  validity?: Uint8Array;
  values: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number };
  type: ArrowType;
  at(i: number): unknown;
}

export type Copy = (b: Piece, builder: BatchBuilder, at: number) => void;

const valid = (b: Piece, i: number) => !b.nullCount || !b.validity || ((b.validity[i >> 3]! >> (i & 7)) & 1) === 1;

/**
 * 64-bit integers as doubles, through their two 32-bit halves; times of a finer unit than ms as
 * whole milliseconds plus the fraction (`sub` units a millisecond: 1000, 1e6), exactly split
 * first: a nanosecond timestamp exceeds 2^53, so converting it to a double before dividing would
 * round it twice (the reference in the tests computes epoch_ms + remainder / sub alike).
 */
function int64(b: Piece, out: Float64Array, at: number, signed: boolean, mul: number, sub: number): void {
  const words = new Int32Array(b.values.buffer, b.values.byteOffset, b.length * 2);
  const n = b.length;
  if (!b.nullCount && sub === 1 && mul === 1) {
    for (let i = 0; i < n; i++) out[at + i] = (signed ? words[2 * i + 1]! : words[2 * i + 1]! >>> 0) * 4294967296 + (words[2 * i]! >>> 0);
    return;
  }
  for (let i = 0; i < n; i++) {
    if (!valid(b, i)) {
      out[at + i] = Number.NaN;
      continue;
    }
    const hi = signed ? words[2 * i + 1]! : words[2 * i + 1]! >>> 0;
    const lo = words[2 * i]! >>> 0;
    if (sub === 1) out[at + i] = (hi * 4294967296 + lo) * mul;
    else if (sub === 1000) {
      // Microseconds stay below 2^53 (until the year 287,396): exact as a double.
      const v = hi * 4294967296 + lo;
      const ms = Math.floor(v / 1000);
      out[at + i] = ms + (v - ms * 1000) / 1000;
    } else {
      // hi·2^32 = hi·4294·10^6 + hi·967296: the second part and lo are exact doubles.
      const r = hi * 967_296 + lo;
      const q = Math.floor(r / 1e6);
      out[at + i] = hi * 4294 + q + (r - q * 1e6) / 1e6;
    }
  }
}

/** Decimals: the unscaled integer ÷ 10^scale (one rounding, as DuckDB casts them); beyond 2^53 through BigInt. */
function decimals(b: Piece, out: Float64Array, at: number): void {
  const t = b.type;
  const width = t.bitWidth ?? 128;
  const div = 10 ** (t.scale ?? 0);
  const words = new Int32Array(b.values.buffer, b.values.byteOffset, (b.length * width) / 32);
  const per = width / 32;
  for (let i = 0; i < b.length; i++) {
    if (!valid(b, i)) {
      out[at + i] = Number.NaN;
      continue;
    }
    const w = i * per;
    if (per === 1) {
      out[at + i] = words[w]! / div;
      continue;
    }
    const hi = words[w + 1]!;
    let fits = Math.abs(hi) < 0x200000; // |value| < 2^53
    for (let k = 2; k < per && fits; k++) fits = words[w + k] === hi >> 31;
    if (fits) out[at + i] = (hi * 4294967296 + (words[w]! >>> 0)) / div;
    else {
      let big = 0n;
      for (let k = per - 1; k >= 0; k--) big = (big << 32n) | BigInt(words[w + k]! >>> 0);
      big = BigInt.asIntN(width, big);
      out[at + i] = Number(big) / div;
    }
  }
}

/** Numbers of any Arrow number type into a float column (or the timestamps, with a unit). */
function numbers(b: Piece, out: Float64Array, at: number, mul = 1, sub = 1): void {
  const t = b.type;
  if ((t.typeId === T.Int && t.bitWidth === 64) || t.typeId === T.Timestamp || (t.typeId === T.Date && t.unit === 1)) {
    return int64(b, out, at, t.signed !== false, mul, sub);
  }
  if (t.typeId === T.Decimal) return decimals(b, out, at);
  const v = b.values;
  if (!b.nullCount && mul === 1 && sub === 1 && v instanceof Float64Array) return out.set(v.subarray(0, b.length), at);
  if ((t.typeId === T.Float && !(v instanceof Float64Array || v instanceof Float32Array)) || t.typeId === T.Dictionary) {
    // Half floats and dictionaries of numbers: flechette decodes them.
    for (let i = 0; i < b.length; i++) {
      const x = b.at(i);
      out[at + i] = x === null || x === undefined ? Number.NaN : Number(x) * mul;
    }
    return;
  }
  for (let i = 0; i < b.length; i++) out[at + i] = valid(b, i) ? (v[i]! * mul) / sub : Number.NaN;
}

const isNumber = (t: ArrowType): boolean =>
  t.typeId === T.Int ||
  t.typeId === T.Float ||
  t.typeId === T.Decimal ||
  (t.typeId === T.Dictionary && !!t.dictionary && isNumber(t.dictionary));
const isText = (t: ArrowType): boolean =>
  t.typeId === T.Utf8 ||
  t.typeId === T.LargeUtf8 ||
  t.typeId === T.Utf8View ||
  (t.typeId === T.Dictionary && !!t.dictionary && isText(t.dictionary));

/** Arrow's time units (s, ms, µs, ns) to milliseconds: [multiply, units in a millisecond]. */
const UNIT = [
  [1000, 1],
  [1, 1],
  [1, 1000],
  [1, 1_000_000],
] as const;

// Epoch milliseconds from 1973 to 5138: an integer timestamp column without a unit outside this
// range is seconds, microseconds or nanoseconds, and refused rather than read 1000 times wrong.
const PLAUSIBLE_MS: [number, number] = [1e11, 1e14];

/** A float column: NaN marks are kept (a piece without missing values: every NaN is a value). */
function floatCopy(s: number): Copy {
  return (b, out, at) => {
    const dst = out.floats[s]!;
    numbers(b, dst, at);
    if (!b.nullCount) return out.cleanRows(s, at, b.length);
    out.sawNulls(s);
    for (let i = 0; i < b.length; i++) if (dst[at + i] !== dst[at + i] && valid(b, i)) out.markNan(s, at + i);
  };
}

/**
 * How a file column lands in its batch column, chosen once from its Arrow type; `fileType` (its
 * parquet type) names it when it cannot.
 */
export function copierFor(name: string, type: ArrowType, fileType: string, spec: ColumnSpec | null, s: number): Copy {
  if (!spec) {
    if (type.typeId === T.Timestamp) {
      const [mul, sub] = UNIT[type.unit ?? 1]!;
      return (b, out, at) => numbers(b, out.times, at, mul, sub);
    }
    if (type.typeId === T.Date) return (b, out, at) => numbers(b, out.times, at, type.unit === 0 ? 86_400_000 : 1);
    if (type.typeId === T.Int) {
      return (b, out, at) => {
        numbers(b, out.times, at);
        for (let i = 0; i < b.length; i++) {
          const t = out.times[at + i]!;
          if (t < PLAUSIBLE_MS[0] || t > PLAUSIBLE_MS[1]) {
            throw new DecodeError(
              `The parquet file's column ${JSON.stringify(name)} holds ${fileType} without a time unit, and ${t} is not epoch milliseconds of a date from 1973 to 5138: Signal Explorer cannot tell which unit it is.`,
              { column: name, columnType: fileType, unsupported: true },
            );
          }
        }
      };
    }
    if (isText(type)) {
      return (b, out, at) => {
        for (let i = 0; i < b.length; i++) {
          const v = b.at(i);
          out.times[at + i] = typeof v === 'string' ? parseIsoTime(v) : Number.NaN;
        }
      };
    }
  } else {
    const kind = kindOf(spec.dataType);
    if (kind === 'float' && isNumber(type)) return floatCopy(s);
    if (kind === 'boolean' && type.typeId === T.Bool) {
      return (b, out, at) => {
        const dst = out.bools[s]!;
        for (let i = 0; i < b.length; i++) {
          const v = b.at(i);
          dst[at + i] = v === null || v === undefined ? BOOL_NULL : v ? 1 : 0;
        }
      };
    }
    if (kind === 'string' && (isText(type) || isNumber(type) || type.typeId === T.Bool)) {
      return (b, out, at) => {
        const dst = out.strings[s]!;
        for (let i = 0; i < b.length; i++) {
          const v = b.at(i);
          dst[at + i] = v === null || v === undefined ? null : typeof v === 'string' ? v : String(v);
        }
      };
    }
  }
  const wanted = spec ? `${spec.dataType} values (its signal's type)` : 'times';
  throw new DecodeError(
    `The parquet file's column ${JSON.stringify(name)} holds ${fileType}, which Signal Explorer cannot read as ${wanted}.`,
    {
      column: name,
      columnType: fileType,
      unsupported: true,
    },
  );
}
