import { open } from 'node:fs/promises';
import { tableFromIPC, type Column } from '@uwdata/flechette';
import { readParquet } from 'parquet-wasm/node';
import { BOOL_NULL, type ColumnSpec, type RowBatch } from '../row-batch';
import { BatchBuilder, kindOf } from '../batch-builder';
import { DecodeError } from '../decode-error';
import { planColumns } from '../match-columns';
import { parseIsoTime } from '../text/parse-time';
import { readFooter, rowGroupParts } from './row-group-file';

/*
 * parquet -> batches, a row group at a time: the footer is read with hyparquet, each row group's
 * bytes are read from disk and given to parquet-wasm's synchronous reader as files of their own
 * (row-group-file.ts), the rows come back as Arrow IPC, and flechette's columns are copied into
 * the batch's typed arrays. Memory holds one row group, never the file (reading whole files
 * peaked at 560 MB for L, 2 GB for XL, and WebAssembly memory never shrinks); a wide row group
 * is read a million values at a time. A row group larger than `maxRows` comes as several
 * batches. 64-bit integers and timestamps become doubles through two 32-bit halves, not BigInt
 * (PERFORMANCE-NOTES, trap 3).
 */

const WHAT = 'parquet file';
const T = { Int: 2, Float: 3, Utf8: 5, Bool: 6, Date: 8, Timestamp: 10, LargeUtf8: 20, Utf8View: 24, Dictionary: -1 } as const;
const UNIT_TO_MS = [1000, 1, 1e-3, 1e-6];

interface ArrowType {
  typeId: number;
  bitWidth?: number;
  signed?: boolean;
  unit?: number;
  dictionary?: ArrowType;
}

/** A flechette batch, as far as the copy needs it. */
interface Piece {
  length: number;
  nullCount: number;
  validity?: Uint8Array;
  values: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number };
  type: ArrowType;
  at(i: number): unknown;
}

const valid = (b: Piece, i: number) => !b.nullCount || !b.validity || ((b.validity[i >> 3]! >> (i & 7)) & 1) === 1;

/** Whether the file starts and ends with parquet's magic bytes (a cut download does not). */
export function hasParquetMagic(bytes: Uint8Array): boolean {
  const magic = (at: number) => bytes[at] === 80 && bytes[at + 1] === 65 && bytes[at + 2] === 82 && bytes[at + 3] === 49;
  return bytes.length >= 12 && magic(0) && magic(bytes.length - 4);
}

/** parquet-wasm and flechette fail with strings, wasm traps and errors: all mean a damaged file. */
function damaged(error: unknown): DecodeError {
  if (error instanceof DecodeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DecodeError(`The ${WHAT} is damaged: ${message.slice(0, 300)}`);
}

/** Runs a call into parquet-wasm or flechette: whatever it throws means a damaged file. */
function guard<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw damaged(error);
  }
}

/** 64-bit integers as doubles, through their two 32-bit halves. */
function int64(b: Piece, out: Float64Array, at: number, scale: number, signed: boolean): void {
  const words = new Int32Array(b.values.buffer, b.values.byteOffset, b.length * 2);
  for (let i = 0; i < b.length; i++) {
    const hi = signed ? words[2 * i + 1]! : words[2 * i + 1]! >>> 0;
    out[at + i] = valid(b, i) ? (hi * 4294967296 + (words[2 * i]! >>> 0)) * scale : Number.NaN;
  }
}

/** Numbers of any Arrow number type into a float column (also the timestamp, with its scale). */
function numbers(b: Piece, out: Float64Array, at: number, scale = 1): void {
  const t = b.type;
  if ((t.typeId === T.Int && t.bitWidth === 64) || t.typeId === T.Timestamp || (t.typeId === T.Date && t.unit === 1)) {
    return int64(b, out, at, scale, t.signed !== false);
  }
  const v = b.values;
  if (!b.nullCount && scale === 1 && v instanceof Float64Array) return out.set(v.subarray(0, b.length), at);
  if (t.typeId === T.Float && !(v instanceof Float64Array || v instanceof Float32Array)) {
    // Half floats: flechette decodes them.
    for (let i = 0; i < b.length; i++) out[at + i] = valid(b, i) ? Number(b.at(i)) : Number.NaN;
    return;
  }
  for (let i = 0; i < b.length; i++) out[at + i] = valid(b, i) ? v[i]! * scale : Number.NaN;
}

const isNumber = (t: ArrowType) => t.typeId === T.Int || t.typeId === T.Float;
const isText = (t: ArrowType): boolean =>
  t.typeId === T.Utf8 ||
  t.typeId === T.LargeUtf8 ||
  t.typeId === T.Utf8View ||
  (t.typeId === T.Dictionary && !!t.dictionary && isText(t.dictionary));

type Copy = (b: Piece, builder: BatchBuilder, at: number) => void;

/** How a file column lands in its batch column, chosen once from its Arrow type. */
function copierFor(name: string, type: ArrowType, spec: ColumnSpec | null, s: number): Copy {
  if (!spec) {
    if (type.typeId === T.Timestamp) return (b, out, at) => numbers(b, out.times, at, UNIT_TO_MS[type.unit ?? 1]!);
    if (type.typeId === T.Date) return (b, out, at) => numbers(b, out.times, at, type.unit === 0 ? 86_400_000 : 1);
    if (isNumber(type)) return (b, out, at) => numbers(b, out.times, at);
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
    if (kind === 'float' && isNumber(type)) return (b, out, at) => numbers(b, out.floats[s]!, at);
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
  const wanted = spec ? `${spec.dataType} values` : 'times';
  throw new DecodeError(`The ${WHAT}'s column ${JSON.stringify(name)} holds Arrow type ${type.typeId}, not ${wanted}.`);
}

/** Values a single read into WebAssembly aims at (rows × columns): wide row groups are read in parts. */
const VALUES_PER_READ = 1_000_000;

/** The file's columns in groups small enough to read at once, each group in file order. */
function columnSubsets(names: string[], rows: number): string[][] {
  const per = Math.max(1, Math.floor(VALUES_PER_READ / Math.max(1, rows)));
  if (names.length <= per) return [names];
  const out: string[][] = [];
  for (let i = 0; i < names.length; i += per) out.push(names.slice(i, i + per));
  return out;
}

export async function* decodeParquet(
  path: string,
  specsFor: (fileColumns: string[]) => ColumnSpec[],
  maxRows: number,
  signal?: AbortSignal,
): AsyncGenerator<RowBatch> {
  const handle = await open(path, 'r');
  let ahead: Promise<Uint8Array[]> | null = null;
  try {
    const size = (await handle.stat()).size;
    const meta = await readFooter(handle, size);
    // The columns are planned from the Arrow schema of the first rows read (each row group's file
    // carries the whole schema); a file without rows is small enough to read whole for it.
    let plan: { specs: ColumnSpec[]; names: string[]; copy: Copy[]; fileNames: string[] } | null = null;
    const planFor = (schema: { fields: { name: string; type: unknown }[] }) => {
      const fileNames = schema.fields.map((f) => f.name);
      const specs = specsFor(fileNames);
      const p = planColumns(fileNames, specs, WHAT);
      const copy = schema.fields.map((f, i) =>
        copierFor(f.name, f.type as ArrowType, p.specOf[i]! < 0 ? null : specs[p.specOf[i]!]!, p.specOf[i]!),
      );
      return { specs, names: p.names, copy, fileNames };
    };
    let builder = null as BatchBuilder | null;
    const groups = meta.row_groups.map((_, g) => g).filter((g) => Number(meta.row_groups[g]!.num_rows) > 0);
    const leafNames = meta.schema.slice(1).map((e) => e.name);
    const subsetsOf = (rows: number) => (rows <= maxRows ? columnSubsets(leafNames, rows) : [leafNames]);
    // The next row group's bytes are read while this one is decoded (and its batches consumed).
    const read = (i: number) => {
      if (i >= groups.length) return null;
      const g = groups[i]!;
      const parts = rowGroupParts(handle, meta, g, size, subsetsOf(Number(meta.row_groups[g]!.num_rows)));
      parts.catch(() => undefined); // met when awaited
      return parts;
    };
    ahead = read(0);
    for (let i = 0; i < groups.length; i++) {
      signal?.throwIfAborted();
      const g = groups[i]!;
      const rows = Number(meta.row_groups[g]!.num_rows);
      const parts = await ahead!;
      ahead = read(i + 1);
      const batchRows = Math.min(rows, maxRows);
      plan ??= planFor({
        fields: parts.flatMap(
          (part) =>
            guard(() => tableFromIPC(readParquet(part, { batchSize: 1, limit: 1 }).intoIPCStream(), { useDate: false })).schema.fields,
        ),
      });
      if (builder?.capacity !== batchRows) builder = new BatchBuilder(plan.specs, plan.names, batchRows, false);
      const subsets = subsetsOf(rows);
      let got = 0;
      if (subsets.length > 1 && rows <= maxRows) {
        // A wide row group is read a few columns at a time: WebAssembly memory, which never
        // shrinks, grows to one read's size (XL: 98 -> 28 MB a worker), for no loss of speed.
        const b = builder;
        const filled = new Map<number, number>();
        for (const part of parts) {
          const arrow = guard(() => tableFromIPC(readParquet(part, { batchSize: rows }).intoIPCStream(), { useDate: false }));
          const cols = arrow.children as unknown as Column<unknown>[];
          arrow.schema.fields.forEach((f, k) => {
            const c = plan!.fileNames.indexOf(f.name);
            if (c < 0 || filled.has(c)) throw new DecodeError(`The ${WHAT}'s row group ${g} does not have the file's columns.`);
            let at = 0;
            for (const piece of cols[k]!.data as unknown as Piece[]) {
              plan!.copy[c]!(piece, b, at);
              at += piece.length;
            }
            filled.set(c, at);
          });
        }
        if (filled.size !== plan.fileNames.length || [...filled.values()].some((n) => n !== rows)) {
          throw new DecodeError(`The ${WHAT}'s row group ${g} has columns of different lengths.`);
        }
        for (let r = 0; r < rows; r++) {
          b.checkTime(WHAT);
          b.n++;
        }
        got = rows;
        yield b.finish();
      } else {
        const arrow = guard(() => tableFromIPC(readParquet(parts[0]!, { batchSize: batchRows }).intoIPCStream(), { useDate: false }));
        if (arrow.schema.fields.map((f) => f.name).join('\0') !== plan.fileNames.join('\0')) {
          throw new DecodeError(`The ${WHAT}'s row group ${g} does not have the file's columns.`);
        }
        const cols = arrow.children as unknown as Column<unknown>[];
        const pieces = cols[0]?.data.length ?? 0;
        for (let p = 0; p < pieces; p++) {
          const n = (cols[0]!.data[p] as unknown as Piece).length;
          if (builder.n + n > batchRows) yield builder.finish();
          for (let c = 0; c < cols.length; c++) {
            const piece = cols[c]!.data[p] as unknown as Piece | undefined;
            if (piece?.length !== n) throw new DecodeError(`The ${WHAT}'s row group ${g} has columns of different lengths.`);
            plan.copy[c]!(piece, builder, builder.n);
          }
          for (let r = 0; r < n; r++) {
            builder.checkTime(WHAT);
            builder.n++;
          }
          got += n;
          if (builder.n === batchRows) yield builder.finish();
        }
        if (builder.n > 0) yield builder.finish();
      }
      if (got !== rows) throw new DecodeError(`The ${WHAT}'s row group ${g} holds ${got} rows where its footer says ${rows}.`);
    }
    if (!plan) {
      const whole = Buffer.allocUnsafe(size);
      await handle.read(whole, 0, size, 0);
      planFor(guard(() => tableFromIPC(readParquet(whole).intoIPCStream(), { useDate: false })).schema);
    }
  } finally {
    // The read ahead's failure is the caller's only if it was taken; now only its end matters.
    await ahead?.catch(() => undefined);
    await handle.close();
  }
}
