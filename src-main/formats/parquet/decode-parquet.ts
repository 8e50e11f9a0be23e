import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tableFromIPC, type Column } from '@uwdata/flechette';
import type { FileMetaData } from 'hyparquet';
import { readParquet } from 'parquet-wasm/node';
import type { ColumnSpec, RowBatch } from '../row-batch';
import { BatchBuilder } from '../batch-builder';
import { DecodeError } from '../decode-error';
import { planColumns } from '../match-columns';
import { OutOfOrderError } from '../order/time-order';
import { copierFor, type ArrowType, type Copy, type Piece } from './arrow-copy';
import { elementNamed, parquetTypeOf } from './parquet-types';
import { readFooter, refuseNested, rowGroupParts } from './row-group-file';
import { footerRanges, groupOrder, type GroupRange } from './row-group-order';

/*
 * parquet -> batches, a row group at a time: the footer is read with hyparquet, each row group's
 * bytes are read from disk and given to parquet-wasm's synchronous reader as files of their own
 * (row-group-file.ts), the rows come back as Arrow IPC, and flechette's columns are copied into
 * the batch's typed arrays. Memory holds one row group, never the file (reading whole files
 * peaked at 560 MB for L, 2 GB for XL, and WebAssembly memory never shrinks); a wide row group
 * is read a million values at a time. A row group larger than `maxRows` comes as several
 * batches. The types are copied by arrow-copy.ts. Before any row, the footer says whether the row
 * groups are in time order (row-group-order.ts); a file whose groups overlap is refused with an
 * OutOfOrderError before any batch, and decode-batches.ts reads it through the external sort
 * (`anyOrder`: then no plan is made).
 */

const WHAT = 'parquet file';

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

/** Reads one row group's part file into Arrow (through flechette). */
const readArrow = (part: Uint8Array, batchSize: number, limit?: number) =>
  guard(() => tableFromIPC(readParquet(part, { batchSize, ...(limit ? { limit } : {}) }).intoIPCStream(), { useDate: false }));

/** The time range of each row group, from its timestamp column alone (for files whose footer cannot tell). */
async function timeRanges(
  handle: FileHandle,
  meta: FileMetaData,
  size: number,
  groups: number[],
  column: string,
  signal?: AbortSignal,
): Promise<GroupRange[]> {
  const out: GroupRange[] = [];
  const type = parquetTypeOf(elementNamed(meta.schema, column));
  for (const g of groups) {
    signal?.throwIfAborted();
    const rows = Number(meta.row_groups[g]!.num_rows);
    const [part] = await rowGroupParts(handle, meta, g, size, [[column]]);
    const arrow = readArrow(part!, rows);
    const b = new BatchBuilder([], [], rows, false);
    const field = arrow.schema.fields[0]!;
    const copy = copierFor(field.name, field.type as ArrowType, type, null, -1);
    let at = 0;
    for (const piece of (arrow.children[0] as unknown as Column<unknown>).data as unknown as Piece[]) {
      copy(piece, b, at);
      at += piece.length;
    }
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let ascending = true;
    for (let i = 0; i < at; i++) {
      const t = b.times[i]!;
      if (t < max) ascending = false;
      if (t < min) min = t;
      if (t > max) max = t;
    }
    // A group with a row that has no valid timestamp: the decode says which row.
    out.push(
      at && min <= max ? { min, max, ascending } : { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY, ascending: true },
    );
  }
  return out;
}

export async function* decodeParquet(
  path: string,
  specsFor: (fileColumns: string[]) => ColumnSpec[],
  maxRows: number,
  signal?: AbortSignal,
  anyOrder = false,
  only?: readonly number[],
): AsyncGenerator<RowBatch> {
  const handle = await open(path, 'r');
  let ahead: Promise<Uint8Array[]> | null = null;
  try {
    const size = (await handle.stat()).size;
    const meta = await readFooter(handle, size);
    refuseNested(meta);
    const leafNames = meta.schema.slice(1).map((e) => e.name);
    // The columns by name from the footer (what is asked, what is the time); how each is copied
    // from the Arrow types of the first rows read (each row group's file carries the whole schema).
    const specs = specsFor(leafNames);
    const columns = planColumns(leafNames, specs, WHAT);
    // `only`: the file is checked against every spec, but only the timestamp and these columns'
    // chunks are read (a read split by columns across the workers reads each column once).
    const readSpecs = only ? only.map((s) => specs[s]!) : specs;
    const wanted = only ? new Set([leafNames[columns.timestampColumn]!, ...only.map((s) => columns.names[s]!)]) : null;
    const readNames = wanted ? leafNames.filter((n) => wanted.has(n)) : leafNames;
    const groups = meta.row_groups.map((_, g) => g).filter((g) => Number(meta.row_groups[g]!.num_rows) > 0);
    const groupRows = groups.map((g) => Number(meta.row_groups[g]!.num_rows));
    if (!anyOrder && groups.length) {
      const time = columns.timestampColumn;
      let order = groupOrder(footerRanges(meta, time, groups), groupRows, maxRows);
      if (order === 'unknown') {
        order = groupOrder(await timeRanges(handle, meta, size, groups, leafNames[time]!, signal), groupRows, maxRows);
      }
      if (order === 'overlapping') throw new OutOfOrderError(`The ${WHAT}'s row groups overlap in time: it is not in time order.`, 0);
    }
    let plan: { names: string[]; copy: Copy[]; fileNames: string[] } | null = null;
    const planFor = (schema: { fields: { name: string; type: unknown }[] }, specs: ColumnSpec[]) => {
      const fileNames = schema.fields.map((f) => f.name);
      const p = planColumns(fileNames, specs, WHAT);
      const copy = schema.fields.map((f, i) =>
        copierFor(
          f.name,
          f.type as ArrowType,
          parquetTypeOf(elementNamed(meta.schema, f.name)),
          p.specOf[i]! < 0 ? null : specs[p.specOf[i]!]!,
          p.specOf[i]!,
        ),
      );
      return { names: p.names, copy, fileNames };
    };
    let builder = null as BatchBuilder | null;
    const subsetsOf = (rows: number) => (rows <= maxRows ? columnSubsets(readNames, rows) : [readNames]);
    // The next row group's bytes are read while this one is decoded (and its batches consumed).
    const read = (i: number) => {
      if (i >= groups.length) return null;
      const g = groups[i]!;
      const parts = rowGroupParts(handle, meta, g, size, subsetsOf(groupRows[i]!));
      parts.catch(() => undefined); // met when awaited
      return parts;
    };
    ahead = read(0);
    for (let i = 0; i < groups.length; i++) {
      signal?.throwIfAborted();
      const g = groups[i]!;
      const rows = groupRows[i]!;
      const parts = await ahead!;
      ahead = read(i + 1);
      const batchRows = Math.min(rows, maxRows);
      plan ??= planFor({ fields: parts.flatMap((part) => readArrow(part, 1, 1).schema.fields) }, readSpecs);
      if (builder?.capacity !== batchRows) builder = new BatchBuilder(readSpecs, plan.names, batchRows, false);
      const subsets = subsetsOf(rows);
      let got = 0;
      if (subsets.length > 1 && rows <= maxRows) {
        // A wide row group is read a few columns at a time: WebAssembly memory, which never
        // shrinks, grows to one read's size (XL: 98 -> 28 MB a worker), for no loss of speed.
        const b = builder;
        const filled = new Map<number, number>();
        for (const part of parts) {
          const arrow = readArrow(part, rows);
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
        b.n = rows;
        got = rows;
        yield b.finish();
      } else {
        const arrow = readArrow(parts[0]!, batchRows);
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
          builder.n += n;
          got += n;
          if (builder.n === batchRows) yield builder.finish();
        }
        if (builder.n > 0) yield builder.finish();
      }
      if (got !== rows) throw new DecodeError(`The ${WHAT}'s row group ${g} holds ${got} rows where its footer says ${rows}.`);
    }
    if (!plan) {
      // No rows: the types are still checked (a file of another schema is refused even empty).
      const whole = Buffer.allocUnsafe(size);
      await handle.read(whole, 0, size, 0);
      planFor(guard(() => tableFromIPC(readParquet(whole).intoIPCStream(), { useDate: false })).schema, specs);
    }
  } finally {
    // The read ahead's failure is the caller's only if it was taken; now only its end matters.
    await ahead?.catch(() => undefined);
    await handle.close();
  }
}
