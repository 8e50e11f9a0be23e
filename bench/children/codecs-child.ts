/*
 * The codecs group's process: produces the workload's files with the emulator's own writer, then
 * times the app's decoders (decodeBatches to the end) against the floor's byte scanner, run by
 * turns in this one process so that both meet the same load, and the conversions of the decoded
 * parquet to csv and json on disk. One process per case, so its peak RSS is the case's own.
 */
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Format } from '../../src-preload/contract';
import { findDefaultCatalog, loadCatalog } from '../../src-main/emulator';
import { produceFile } from '../../src-main/emulator/output/produce-file';
import { decodeBatches } from '../../src-main/formats/decode-batches';
import { csvEncoder, jsonEncoder } from '../../src-main/formats/encode-batches';
import { orderedWrites } from '../../src-main/formats/ordered-writes';
import type { RowBatch } from '../../src-main/formats/row-batch';
import { decodeParquetFast } from '../floor/decode-parquet-fast';
import { decodeCsvFast, decodeJsonFast } from '../floor/decode-text-fast';
import { fingerprint, type FloorTable } from '../floor/floor-table';
import { peakRssMb, resetPeak, serveParent } from '../lib/proc';
import { cmsSignals, SIZES, WINDOW_START_MS, type SizeName } from '../lib/workload';

const catalog = loadCatalog(findDefaultCatalog());
let names: string[] = [];

/** The workload's signals and their columns' names (their IDs). */
function workload(size: SizeName) {
  const chosen = cmsSignals(SIZES[size].signals).map((s) => catalog.signalsById.get(s.id)!);
  names = chosen.map((s) => String(s.id));
  return chosen;
}

async function produce(dir: string, size: SizeName) {
  const { rows } = SIZES[size];
  const chosen = workload(size);
  const files: Record<string, { path: string; bytes: number; ms: number }> = {};
  for (const format of ['parquet', 'csv', 'json'] as const) {
    const path = join(dir, `${size}.${format}`);
    const t0 = performance.now();
    const out = await produceFile({
      signals: chosen,
      names,
      window: { startMs: WINDOW_START_MS, endMs: WINDOW_START_MS + rows * 1000 },
      format,
      path,
    });
    files[format] = { path, bytes: out.bytes, ms: performance.now() - t0 };
  }
  return files;
}

const specs = () => names.map((n) => ({ names: [n], dataType: 'float' as const }));

/** The floor's fingerprint, computed as batches go by (samples kept, summed in the floor's order). */
async function appDecode(path: string, format: Format): Promise<string> {
  let rows = 0;
  let t0 = Number.NaN;
  let t1 = Number.NaN;
  const samples: number[][] = names.map(() => []);
  for await (const b of decodeBatches(path, format, { specs: specs() })) {
    if (rows === 0) t0 = b.timestamps[0]!;
    t1 = b.timestamps[b.rowCount - 1]!;
    for (let i = (997 - (rows % 997)) % 997; i < b.rowCount; i += 997) {
      b.columns.forEach((c, k) => samples[k]!.push(c.data.values[i] as number));
    }
    rows += b.rowCount;
  }
  let sum = 0;
  for (const s of samples) for (const v of s) sum += Number.isNaN(v) ? 0 : v;
  return `${rows} rows × ${names.length}, t0=${t0}, t1=${t1}, Σ=${sum.toPrecision(12)}`;
}

function floorDecode(path: string, format: Format, rows: number): FloorTable {
  if (format === 'parquet') return decodeParquetFast(path);
  return format === 'csv' ? decodeCsvFast(path, rows) : decodeJsonFast(path, rows);
}

/** CPU time of this process so far (user + system), in ms: what the load of others does not inflate as much. */
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

async function decode(path: string, format: Format, rows: number, runs: number, warmup: number) {
  const app: number[] = [];
  const floor: number[] = [];
  const appCpu: number[] = [];
  const floorCpu: number[] = [];
  // Peak RSS of the first run, before the floor's decoder has grown this process's heap and
  // WebAssembly memory (they never give it back): the app's own.
  let appPeak = 0;
  let prints = { app: '', floor: '' };
  for (let i = 0; i < warmup + runs; i++) {
    resetPeak('self');
    let c = cpuMs();
    let t = performance.now();
    const appPrint = await appDecode(path, format);
    const appMs = performance.now() - t;
    const appC = cpuMs() - c;
    const peak = peakRssMb('self');
    c = cpuMs();
    t = performance.now();
    const floorPrint = fingerprint(floorDecode(path, format, rows));
    const floorMs = performance.now() - t;
    const floorC = cpuMs() - c;
    prints = { app: appPrint, floor: floorPrint };
    if (i === 0) appPeak = peak;
    if (i < warmup) continue;
    app.push(appMs);
    floor.push(floorMs);
    appCpu.push(appC);
    floorCpu.push(floorC);
  }
  return { app, floor, appCpu, floorCpu, appPeak, prints };
}

async function writeAll(handle: Awaited<ReturnType<typeof open>>, bytes: Uint8Array) {
  for (let at = 0; at < bytes.length;) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
}

/** parquet -> text on disk, batch by batch, as a conversion runs: decode, encode, write. */
async function convert(path: string, to: 'csv' | 'json', out: string) {
  const handle = await open(out, 'w');
  const encoder =
    to === 'csv'
      ? csvEncoder(names, { timeZone: 'UTC', localTimeColumn: false, excelLocale: null })
      : jsonEncoder(names, { timeZone: 'UTC', localTimeColumn: false });
  let rows = 0;
  let bytes = 0;
  let encodeMs = 0;
  const write = async (b: Uint8Array) => {
    bytes += b.length;
    await writeAll(handle, b);
  };
  // One write in flight while the next batch is decoded and encoded, as the app's writers do.
  const writes = orderedWrites(write);
  try {
    await writes.put(encoder.head());
    for await (const batch of decodeBatches(path, 'parquet', { specs: specs() }) as AsyncIterable<RowBatch>) {
      const t = performance.now();
      const text = encoder.rows(batch, rows === 0);
      encodeMs += performance.now() - t;
      await writes.put(text);
      rows += batch.rowCount;
    }
    await writes.put(encoder.tail(rows));
    await writes.flush();
  } finally {
    await handle.close();
  }
  return { rows, bytes, encodeMs };
}

async function encode(path: string, to: 'csv' | 'json', out: string, runs: number, warmup: number) {
  const times: number[] = [];
  const cpu: number[] = [];
  const encodeMs: number[] = [];
  let peak = 0;
  let bytes = 0;
  for (let i = 0; i < warmup + runs; i++) {
    await rm(out, { force: true });
    resetPeak('self');
    const c = cpuMs();
    const t = performance.now();
    const r = await convert(path, to, out);
    const ms = performance.now() - t;
    const used = cpuMs() - c;
    if (i < warmup) continue;
    times.push(ms);
    cpu.push(used);
    encodeMs.push(r.encodeMs);
    bytes = r.bytes;
    peak = Math.max(peak, peakRssMb('self'));
  }
  await rm(out, { force: true });
  return { times, cpu, encodeMs, bytes, peak };
}

serveParent({
  produce: (m) => produce(String(m.dir), m.size as SizeName),
  decode: (m) => (
    workload(m.size as SizeName),
    decode(String(m.path), m.format as Format, Number(m.rows), Number(m.runs), Number(m.warmup))
  ),
  encode: (m) => (
    workload(m.size as SizeName),
    encode(String(m.path), m.to as 'csv' | 'json', String(m.out), Number(m.runs), Number(m.warmup))
  ),
});
process.send!({ type: 'ready' });
