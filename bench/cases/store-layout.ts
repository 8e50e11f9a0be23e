/*
 * Why a chunk's rows are kept as raw column pages and not parquet: `npx tsx bench/cases/store-layout.ts`
 * (--runs N, default 15). One chunk of 50 float columns × 1,000,000 rows, written three ways, and
 * 10,000 rows of every column read at random places (what a 1 % zoom of XL reads):
 *   - the row store (store-writer.ts), read with StoreReader.read;
 *   - parquet, row groups of 8,192 and of 65,536 rows (snappy, as the app writes parquet), read with
 *     parquet-wasm's ParquetFile (the row groups that hold the rows, then Arrow to typed arrays).
 * Also what splitting summary blocks at pixel borders would cost: 1,000 borders × 51 columns, the
 * 256 rows of the block under each border (series-from-summary.ts).
 */
import { openAsBlob } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { columnFromArray, float64, tableFromColumns, tableFromIPC, timestamp, TimeUnit, type Column } from '@uwdata/flechette';
import { ParquetFile } from 'parquet-wasm/node';
import type { RowBatch } from '../../src-main/formats/row-batch';
import { writeParquetStream } from '../../src-main/formats/parquet/stream-writer';
import { openStore } from '../../src-main/store/store-reader';
import { createStoreWriter } from '../../src-main/store/store-writer';

const { values: args } = parseArgs({ options: { runs: { type: 'string' } } });
const RUNS = Number(args.runs ?? 15);
const ROWS = 1_000_000;
const COLUMNS = 50;
const READ = 10_000;

const timestamps = Float64Array.from({ length: ROWS }, (_, i) => 1.7e12 + i * 1000);
const columns = Array.from({ length: COLUMNS }, (_, c) =>
  Float64Array.from({ length: ROWS }, (_, i) => Math.sin(i / 3000 + c) * 30 + Math.random()),
);
const batch = (from: number, to: number): RowBatch => ({
  rowCount: to - from,
  timestamps: timestamps.subarray(from, to),
  columns: columns.map((v, c) => ({ name: `s${c}`, data: { kind: 'float', values: v.subarray(from, to) } })),
});

async function time(name: string, f: () => Promise<unknown>, runs = RUNS) {
  await f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${name}: median ${ms[ms.length >> 1]!.toFixed(2)} ms, min ${ms[0]!.toFixed(2)}, max ${ms[ms.length - 1]!.toFixed(2)}`);
}

const randomStart = () => Math.floor(Math.random() * (ROWS - READ));

async function writeParquet(path: string, rowGroup: number) {
  const file = await open(path, 'w');
  let from = 0;
  await writeParquetStream(
    () => {
      if (from >= ROWS) return null;
      const to = Math.min(ROWS, from + rowGroup);
      const cols: [string, Column<unknown>][] = [
        ['timestamp', columnFromArray(timestamps.subarray(from, to), timestamp(TimeUnit.MILLISECOND, 'UTC'))],
      ];
      columns.forEach((v, c) => cols.push([`s${c}`, columnFromArray(v.subarray(from, to), float64())]));
      from = to;
      return tableFromColumns(cols);
    },
    { rowGroupRows: rowGroup, createdBy: 'bench', dictionaryColumns: [] },
    async (bytes) => void (await file.write(bytes)),
  );
  await file.close();
}

/** Rows [start, start + READ) of every column from parquet: the row groups holding them, into typed arrays. */
async function readParquet(file: ParquetFile, rowGroup: number, start: number): Promise<Float64Array[]> {
  const g0 = Math.floor(start / rowGroup);
  const g1 = Math.floor((start + READ - 1) / rowGroup);
  const groups = Array.from({ length: g1 - g0 + 1 }, (_, i) => g0 + i);
  const table = await file.read({ rowGroups: groups, batchSize: groups.length * rowGroup });
  const arrow = tableFromIPC(table.intoIPCStream(), { useDate: false });
  const skip = start - g0 * rowGroup;
  return (arrow.children as unknown as Column<unknown>[]).slice(1).map((col) => {
    const out = new Float64Array(col.length);
    let at = 0;
    for (const b of col.data as unknown as { length: number; values: Float64Array }[]) {
      out.set(b.values, at);
      at += b.length;
    }
    return out.subarray(skip, skip + READ);
  });
}

const dir = await mkdtemp(join(tmpdir(), 'store-layout-'));
try {
  const writer = await createStoreWriter(
    join(dir, 'store'),
    columns.map((_, c) => ({ name: `s${c}`, kind: 'float', dataType: 'float' })),
  );
  for (let a = 0; a < ROWS; a += 65_536) await writer.append(batch(a, Math.min(ROWS, a + 65_536)));
  await writer.finish();
  const store = await openStore(join(dir, 'store'));
  await time(`row store, ${READ.toLocaleString('en')} rows × ${COLUMNS} columns`, () => {
    const s = randomStart();
    return store.read(s, s + READ);
  });
  await time(
    `row store, the 256 rows under each of 1,000 pixel borders × ${COLUMNS} columns`,
    () => Promise.all(Array.from({ length: 1000 }, (_, b) => store.read(b * 1000 - (b ? 128 : 0), b * 1000 - (b ? 128 : 0) + 256))),
    3,
  );
  await store.close();
  for (const rowGroup of [8192, 65_536]) {
    const path = join(dir, `rows-${rowGroup}.parquet`);
    await writeParquet(path, rowGroup);
    const file = await ParquetFile.fromFile(await openAsBlob(path));
    await time(`parquet, row groups of ${rowGroup.toLocaleString('en')}, ${READ.toLocaleString('en')} rows × ${COLUMNS} columns`, () =>
      readParquet(file, rowGroup, randomStart()),
    );
    file.free();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
