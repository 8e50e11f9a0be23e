/*
 * The preview out of core, measured in one process without the app: `npx tsx bench/cases/zoom-summary.ts`
 * (options: --runs N, default 7; --no-year to skip the year-scale summary; --dir D for the stores,
 * default a temporary folder, removed at the end).
 *
 * 1. XL (50 float signals × 1,000,000 rows at 1 s) cut into 10 chunks, ingested as the worker would
 *    (store + summary per chunk, batches of 65,536 rows), base block from baseBlockRows.
 * 2. preview.series at 1 %, 50 % and 100 % of the range, 1,000 points, as the main process answers
 *    it (lent points, encoded for the wire; no HTTP): median, min, max, each path (auto, and the
 *    summary, the fine index or the rows forced), and the longest event-loop block during a call.
 * 3. stats, table pages at the start and the end, History reopen (read summary.bin files, decode,
 *    load, first series and stats) — the goal is < 300 ms.
 * 4. L stopping 10 minutes every hour (a line break in about one level-0 block in 100): series and stats.
 * 5. Summary sizes: XL and L built, a year of 10 one-second signals built from its summaries alone
 *    (no store) in 365 daily chunks, with series at full view over the year; the fine index's size
 *    (on disk, beside the store, not in memory).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RowBatch } from '../../src-main/formats/row-batch';
import { createPreviewIndex } from '../../src-main/preview/preview-index';
import type { ChunkInput, PreviewColumn, PreviewIndex } from '../../src-main/preview/preview-types';
import { createChunkSink, readChunkSummary } from '../../src-main/store/chunk-sink';
import { createSummaryBuilder } from '../../src-main/store/summary-builder';
import { decodeSummary, encodeSummary } from '../../src-main/store/summary-codec';
import { baseBlockRows, summaryBytes } from '../../src-main/store/summary-size';
import { FINE_FILE, FINE_ROWS } from '../../src-main/store/fine-index';
import { stat } from 'node:fs/promises';
import { encodeEnvelope } from '../../src-preload/contract/envelope-wire';

const { values: args } = parseArgs({ options: { runs: { type: 'string' }, 'no-year': { type: 'boolean' }, dir: { type: 'string' } } });
const RUNS = Number(args.runs ?? 7);
const T0 = Date.parse('2025-02-01T00:00:00Z');
const SECOND = 1000;
const BATCH = 65_536;

const columnsOf = (n: number): PreviewColumn[] =>
  Array.from({ length: n }, (_, i) => ({ name: `s${i}`, kind: 'float', dataType: 'float', physicalUnit: 'kW' }));

/** Rows [from, to) of a plant-like table: slow waves, noise from a fixed-seed generator. */
/** Row i at second i; `hourly` stops 10 minutes every hour (3,000 rows, then a 600 s pause). */
const timeOf = (i: number, hourly: boolean) => T0 + (hourly ? Math.floor(i / 3000) * 3600 + (i % 3000) : i) * SECOND;

function rows(from: number, to: number, signals: number, t0 = T0, hourly = false): RowBatch {
  const n = to - from;
  const timestamps = new Float64Array(n);
  for (let i = 0; i < n; i++) timestamps[i] = hourly ? timeOf(from + i, true) : t0 + (from + i) * SECOND;
  let seed = (from * 2654435761) >>> 0;
  const columns = Array.from({ length: signals }, (_, c) => {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      values[i] = 50 + 30 * Math.sin((from + i) / (3000 + 97 * c)) + (seed / 2 ** 32 - 0.5) * 4;
    }
    return { name: `s${c}`, data: { kind: 'float' as const, values } };
  });
  return { rowCount: n, timestamps, columns };
}

let wireBytes = new Uint8Array(0);
const reused = (n: number) => (wireBytes.byteLength >= n ? wireBytes : (wireBytes = new Uint8Array(2 * n))).subarray(0, n);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const fmt = (xs: number[], cpu?: number[]) =>
  `median ${median(xs).toFixed(2)} ms (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})` +
  (cpu ? `, CPU median ${median(cpu).toFixed(2)} min ${Math.min(...cpu).toFixed(2)}` : '');

/**
 * Runs `f` `runs` times after two warm-ups: wall and CPU time of each run, and the longest the
 * event loop was held by this process's own work. A 1 ms timer notes each gap between its ticks
 * and the CPU the process used meanwhile: a gap with as much CPU as time was our work; one without
 * was the OS running others (the 2 cores are shared), which monitorEventLoopDelay would count too.
 */
async function time<T>(runs: number, f: () => Promise<T>): Promise<{ ms: number[]; cpuMs: number[]; blockMs: number; last: T }> {
  await f();
  await f();
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let blockMs = 0;
  let tick = performance.now();
  let tickCpu = process.cpuUsage();
  const timer = setInterval(() => {
    const now = performance.now();
    const used = process.cpuUsage(tickCpu);
    const cpu = (used.user + used.system) / 1000;
    // CPU can include other threads (GC helpers, file reads): count the gap only up to the wall time.
    if (cpu > 0.8 * (now - tick)) blockMs = Math.max(blockMs, Math.min(cpu, now - tick));
    tick = now;
    tickCpu = process.cpuUsage();
  }, 1);
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    last = await f();
    ms.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpuMs.push((used.user + used.system) / 1000);
    await new Promise((r) => setTimeout(r, 2));
  }
  clearInterval(timer);
  return { ms, cpuMs, blockMs, last };
}

async function ingest(dir: string, signals: number, total: number, chunks: number, hourly = false): Promise<ChunkInput[]> {
  const columns = columnsOf(signals);
  const blockRows = baseBlockRows(total, columns);
  const per = total / chunks;
  const out: ChunkInput[] = [];
  const cpu = process.cpuUsage();
  const t = performance.now();
  let bytes = 0;
  let fineBytes = 0;
  for (let k = 0; k < chunks; k++) {
    const storeDir = join(dir, `chunk-${String(k).padStart(4, '0')}`);
    const sink = await createChunkSink(storeDir, columns, blockRows);
    for (let a = k * per; a < (k + 1) * per; a += BATCH)
      await sink.append(rows(a, Math.min((k + 1) * per, a + BATCH), signals, T0, hourly));
    const done = await sink.finish();
    bytes += done.meta.bytes;
    fineBytes += (await stat(join(storeDir, FINE_FILE))).size;
    const window = { start: k ? timeOf(k * per, hourly) : T0, end: timeOf((k + 1) * per, hourly) };
    out.push({ name: String(k).padStart(4, '0'), window, storeDir, summary: decodeSummary(done.summary) });
  }
  const used = process.cpuUsage(cpu);
  console.log(
    `ingest ${signals} × ${total.toLocaleString('en')} rows in ${chunks} chunks (blocks of ${blockRows} rows): ${(performance.now() - t).toFixed(0)} ms wall, ` +
      `${((used.user + used.system) / 1000).toFixed(0)} ms CPU (with generating the rows); store ${(bytes / 1e6).toFixed(0)} MB, ` +
      `summaries ${(out.reduce((n, c) => n + encodeSummary(c.summary).length, 0) / 1e6).toFixed(1)} MB (in memory), fine index ${(fineBytes / 1e6).toFixed(1)} MB (on disk)`,
  );
  return out;
}

async function zooms(index: PreviewIndex, window: { start: number; end: number }, label: string) {
  const mid = (window.start + window.end) / 2;
  for (const share of [0.01, 0.1, 0.5, 1]) {
    const half = ((window.end - window.start) * share) / 2;
    const range = share === 1 ? undefined : { start: Math.round(mid - half), end: Math.round(mid + half) };
    // 10 %: 100 rows a pixel column, blocks of 256 wider than one: the fine index and the rows.
    for (const source of share === 0.1 ? (['auto'] as const) : (['auto', 'summary', 'fine', 'rows'] as const)) {
      // As the host answers: lent points, encoded for the wire into a reused buffer, in the same turn.
      const r = await time(RUNS, async () => {
        const answer = await index.series(range, 1000, { source, lend: true });
        const bytes = encodeEnvelope({ ok: true, value: answer }, reused).byteLength;
        return { points: answer.series.reduce((n, s) => n + s.t.length, 0), bytes };
      });
      console.log(
        `${label} series ${share * 100}% ${source} (+ wire): ${fmt(r.ms, r.cpuMs)}; longest block ${r.blockMs.toFixed(1)} ms; ` +
          `${r.last.points.toLocaleString('en')} points, ${(r.last.bytes / 1e6).toFixed(1)} MB on the wire`,
      );
    }
  }
}

async function xl(dir: string) {
  const chunks = await ingest(dir, 50, 1_000_000, 10);
  const window = { start: T0, end: T0 + 1_000_000 * SECOND };
  const columns = columnsOf(50);
  const index = createPreviewIndex({ window, columns, chunks: chunks.length });
  for (const c of [...chunks].reverse()) index.addChunk(c);
  await zooms(index, window, 'XL');
  const stats = await time(RUNS, async () => {
    index.addChunk(chunks[0]!); // a new version each time: no cached answer
    return index.stats();
  });
  console.log(`XL stats: ${fmt(stats.ms, stats.cpuMs)}; longest block ${stats.blockMs.toFixed(1)} ms; coverage ${stats.last[0]!.coverage}`);
  for (const [name, req] of [
    ['rows, first page', { offset: 0, limit: 100 }],
    ['rows, last page', { offset: 999_900, limit: 100 }],
    ['rows by time, near the end', { at: T0 + 987_654 * SECOND, limit: 100 }],
  ] as const) {
    const r = await time(RUNS, () => index.rows(req));
    console.log(`XL ${name}: ${fmt(r.ms)}`);
  }
  await index.close();

  const reopen: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const summaries = await Promise.all(chunks.map((c) => readChunkSummary(c.storeDir)));
    const again = createPreviewIndex({ window, columns, chunks: chunks.length });
    summaries.forEach((summary, k) => again.addChunk({ ...chunks[k]!, summary }));
    await again.series(undefined, 1000);
    await again.stats();
    reopen.push(performance.now() - t);
    await again.close();
  }
  console.log(`XL History reopen (read + decode 10 summaries, first series and stats): ${fmt(reopen)}`);
}

/** L that stops 10 minutes every hour: a break in one level-0 block out of ~100, read from the store. */
async function hourlyStops(dir: string) {
  const chunks = await ingest(dir, 10, 1_000_000, 10, true);
  const window = { start: T0, end: chunks[chunks.length - 1]!.window.end };
  const index = createPreviewIndex({ window, columns: columnsOf(10), chunks: chunks.length });
  for (const c of chunks) index.addChunk(c);
  const full = await time(RUNS, () => index.series(undefined, 1000));
  const nulls = Array.from(full.last.series[0]!.v).filter((v) => v === null || v !== v).length;
  console.log(
    `L stopping hourly, series 100%: ${fmt(full.ms, full.cpuMs)}; longest block ${full.blockMs.toFixed(1)} ms; ${nulls} breaks in a line`,
  );
  const stats = await time(RUNS, async () => {
    index.addChunk(chunks[0]!);
    return index.stats();
  });
  console.log(`L stopping hourly, stats: ${fmt(stats.ms, stats.cpuMs)}; coverage ${stats.last[0]!.coverage?.toFixed(4)}`);
  await index.close();
}

function summarySizes() {
  const l = columnsOf(10);
  console.log(`L formula: blocks of ${baseBlockRows(1e6, l)} rows, ${(summaryBytes(1e6, l, baseBlockRows(1e6, l)) / 1e6).toFixed(1)} MB`);
  const b = createSummaryBuilder(l, baseBlockRows(1e6, l));
  for (let a = 0; a < 1e6; a += BATCH) b.add(rows(a, Math.min(1e6, a + BATCH), 10));
  console.log(`L built: ${(encodeSummary(b.finish()).length / 1e6).toFixed(1)} MB`);
}

/** A year of 10 one-second signals, 365 daily chunks, summaries only: size, build time, zoom over the year. */
async function year() {
  const columns = columnsOf(10);
  const day = 86_400;
  const total = 365 * day;
  const blockRows = baseBlockRows(total, columns);
  const oneDay = rows(0, day, 10);
  const chunks: ChunkInput[] = [];
  let bytes = 0;
  let cpuMs = 0;
  for (let d = 0; d < 365; d++) {
    const ts = oneDay.timestamps.map((_, i) => T0 + (d * day + i) * SECOND);
    const cpu = process.cpuUsage();
    const builder = createSummaryBuilder(columns, blockRows);
    builder.add({ ...oneDay, timestamps: ts });
    const encoded = encodeSummary(builder.finish());
    const used = process.cpuUsage(cpu);
    cpuMs += (used.user + used.system) / 1000;
    bytes += encoded.length;
    chunks.push({
      name: String(d).padStart(4, '0'),
      window: { start: T0 + d * day * SECOND, end: T0 + (d + 1) * day * SECOND },
      storeDir: '(none)',
      summary: decodeSummary(encoded),
    });
  }
  console.log(
    `year of 10 one-second signals: blocks of ${blockRows} rows, formula ${(summaryBytes(total, columns, blockRows) / 1e6).toFixed(1)} MB, ` +
      `built ${(bytes / 1e6).toFixed(1)} MB in 365 daily chunks (${(bytes / 365 / 1e3).toFixed(0)} kB a day); ${cpuMs.toFixed(0)} ms CPU to build; ` +
      `fine index ${((2 * 10 * Math.ceil(total / FINE_ROWS)) / 1e6).toFixed(1)} MB on disk`,
  );
  const window = { start: T0, end: T0 + total * SECOND };
  const index = createPreviewIndex({ window, columns, chunks: 365 });
  for (const c of chunks) index.addChunk(c);
  const mid = (window.start + window.end) / 2;
  for (const share of [0.1, 1]) {
    const half = ((window.end - window.start) * share) / 2;
    const r = await time(RUNS, () => index.series({ start: mid - half, end: mid + half }, 1000, { source: 'summary' }));
    console.log(`year series ${share * 100}% from the summaries: ${fmt(r.ms, r.cpuMs)}; longest block ${r.blockMs.toFixed(1)} ms`);
  }
  const stats = await time(RUNS, () => {
    index.addChunk(chunks[0]!);
    return index.stats();
  });
  console.log(`year stats: ${fmt(stats.ms, stats.cpuMs)}; longest block ${stats.blockMs.toFixed(1)} ms`);
}

/**
 * How busy the machine is now: M4 (first, min, max, last per bucket) over 1,000,000 doubles into
 * 1,000 buckets, a plain loop to compare runs by. Other
 * figures of this run scale with it (the 2 cores are shared).
 */
function calibrate() {
  const v = Float64Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i / 5000) + (i % 7) / 10);
  const ms: number[] = [];
  let sink = 0;
  for (let r = 0; r < 15; r++) {
    const t = performance.now();
    for (let b = 0; b < 1000; b++) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = b * 1000; i < (b + 1) * 1000; i++) {
        const x = v[i]!;
        if (x < min) min = x;
        if (x > max) max = x;
      }
      sink += min + max + v[b * 1000]! + v[b * 1000 + 999]!;
    }
    ms.push(performance.now() - t);
  }
  console.log(`calibration: M4 of 1,000,000 doubles into 1,000 buckets ${fmt(ms)} (compare runs by it)${sink ? '' : ' '}`);
}

const dir = args.dir ?? (await mkdtemp(join(tmpdir(), 'zoom-summary-')));
try {
  calibrate();
  await xl(join(dir, 'xl'));
  await hourlyStops(join(dir, 'hourly'));
  summarySizes();
  if (!args['no-year']) await year();
  calibrate();
} finally {
  if (!args.dir) await rm(dir, { recursive: true, force: true });
}
