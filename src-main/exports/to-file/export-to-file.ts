import { access, mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ExportRequest, JobProgress, Layout, SaveFormat, Slice } from '../../../src-preload/contract';
import { AppError } from '../../errors/app-error';
import type { TextOptions } from '../../formats/encode-batches';
import { createNortechClient, type NortechClientOptions } from '../../nortech/client';
import { chunkName, manifestStore, readManifest, type ChunkRecord, type Manifest } from '../manifest/manifest';
import { DEFAULT_PLAN, tiles, type PlanOptions } from '../plan/chunk-plan';
import { runChunks, type ChunkLive } from '../run/chunk-runner';
import { chunkSteps, columnSpecs, downloadPath, type DownloadTuning } from '../run/chunk-steps';
import { datasetParts, listingSha256 } from '../output/dataset-record';
import { jobProgress } from '../run/job-progress';
import { atomicWrite, type SavedFile } from '../save/atomic-save';
import { buildExportRecord, writeExportRecord } from '../save/export-record';
import type { SegmentSpec } from '../worker/ingest-chunk';
import { createWorkerPool, type WorkerPool } from '../worker/worker-pool';
import { assembleFile } from './assemble-file';
import { outputColumns, rawColumns } from './output-columns';
import { doneInOrder } from './done-in-order';
import { partPath, dayOf } from '../output/dataset-sink';
import { checkXlsxRows, XlsxRowLimitError } from '../../formats/xlsx/row-limit';
import { chunkAlign } from '../plan/whole-buckets';

/*
 * An export straight to a file or a dataset folder, as the command line runs it: the plan's chunks
 * are read into segments in a durable folder beside the output (`.NAME.parts/`, with the
 * manifest), and the file is built while they arrive, in time order, through a temporary file that
 * takes the output's name only once complete. Anything that stops it leaves the parts folder:
 * the same command with `resume` goes on from it, asking Nortech only for the chunks not done.
 */

export interface FileTarget {
  path: string;
  format: SaveFormat;
  layout: Layout;
  text: TextOptions;
  overwrite: boolean;
}

export interface FileExportOptions {
  request: ExportRequest;
  target: FileTarget;
  connection: { apiUrl: string; apiKey: string };
  version: string;
  concurrency: number;
  resume: boolean;
  plan?: Partial<PlanOptions>;
  /** A plan made beforehand (`plan` command): these slices, in this order. */
  presetPlan?: Slice[];
  /** Run only chunk i of every n (`--shard I/N`): a dataset that other shards fill too. */
  shard?: { index: number; count: number };
  client?: Omit<NortechClientOptions, 'apiUrl' | 'apiKey' | 'version'>;
  download?: DownloadTuning;
  pool?: WorkerPool;
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
  now?: () => number;
}

export interface FileExportResult {
  saved: SavedFile;
  rows: number;
  chunks: ChunkRecord[];
  files: number;
  partsDir: string;
}

/** Where an export to `path` keeps its manifest and segments. */
export function partsDir(path: string, shard?: { index: number; count: number }): string {
  const suffix = shard ? `.shard-${shard.index}-of-${shard.count}` : '';
  return join(dirname(path), `.${basename(path)}${suffix}.parts`);
}

/** What must be the same for `resume` to go on from an interrupted export. */
function targetKey(o: FileExportOptions) {
  const { request: r, target: t } = o;
  return {
    signals: r.signals.map((s) => [s.id, s.rename]),
    window: [Date.parse(r.timeWindow.start), Date.parse(r.timeWindow.end)],
    format: r.format,
    values: r.values,
    output: { path: t.path, format: t.format, layout: t.layout, text: t.format === 'parquet' ? null : t.text },
    shard: o.shard ?? null,
  };
}

async function openManifest(o: FileExportOptions, dir: string, now: number) {
  const existing = await readManifest(dir);
  const key = JSON.parse(JSON.stringify(targetKey(o))) as Record<string, unknown>;
  if (existing) {
    if (!o.resume) {
      const done = existing.chunks.filter((c) => c.state === 'done').length;
      throw new AppError(
        'validation',
        `An interrupted export of ${basename(o.target.path)} is in ${dir} (${done} of ${existing.chunks.length} chunks done).`,
        {
          hint: 'Run the same command with --resume to go on from it, or delete that folder to start afresh.',
        },
      );
    }
    if (JSON.stringify(existing.target) !== JSON.stringify(key)) {
      throw new AppError('validation', `The interrupted export in ${dir} was for other signals, another window or another output.`, {
        hint: 'Run exactly the same command with --resume, or delete that folder to start afresh.',
      });
    }
    return manifestStore(dir, existing);
  }
  const preset = o.presetPlan;
  const window = { start: Date.parse(o.request.timeWindow.start), end: Date.parse(o.request.timeWindow.end) };
  if (preset && !tiles(window, preset)) throw new AppError('validation', "The plan's chunks do not tile the request's window.");
  const initial: Manifest = {
    kind: 'signal-explorer-export-manifest',
    version: 1,
    jobId: basename(dir),
    createdAt: now,
    request: o.request,
    apiUrl: o.connection.apiUrl,
    measured: { rows: 0, ms: 0 },
    planned: !!preset,
    chunks: (preset ?? []).map((s, i) => ({ ...s, name: chunkName(i), state: 'pending', requestIds: [] })),
    target: key,
  };
  const store = manifestStore(dir, initial);
  await store.update((m) => m);
  return store;
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

export async function exportToFile(o: FileExportOptions): Promise<FileExportResult> {
  const now = o.now ?? Date.now;
  const started = now();
  const { request, target } = o;
  const dir = partsDir(target.path, o.shard);
  await mkdir(join(dir, 'segments'), { recursive: true });
  const manifest = await openManifest(o, dir, started);
  const pool = o.pool ?? createWorkerPool();
  const client = createNortechClient({ ...o.client, ...o.connection, version: o.version });
  const columns = outputColumns(request);
  const plan = { ...DEFAULT_PLAN, align: chunkAlign(request.values), ...o.plan };
  const downloadIsSegment =
    target.layout === 'file' &&
    (target.format === 'parquet' || target.format === 'xlsx') &&
    request.format === 'parquet' &&
    request.values.kind === 'raw';
  const segmentPath = (c: Pick<ChunkRecord, 'name'>) =>
    join(dir, 'segments', `${c.name}.${target.format === 'csv' || target.format === 'json' ? target.format : 'parquet'}`);

  const segmentFor = (c: ChunkRecord): SegmentSpec | undefined => {
    if (target.layout === 'dataset') return { kind: 'dataset', dir: target.path, part: c.name, columns };
    if (target.format === 'csv' || target.format === 'json') {
      return { kind: 'text', path: segmentPath(c), format: target.format, columns: columns.map((x) => x.name), text: target.text };
    }
    return downloadIsSegment ? undefined : { kind: 'parquet', path: segmentPath(c), columns };
  };
  const outputsIntact = async (c: ChunkRecord) => {
    if (target.layout === 'dataset') {
      if (c.first == null || c.last == null) return true;
      for (let t = Math.floor(c.first / 86_400_000) * 86_400_000; t <= c.last; t += 86_400_000) {
        if (!(await exists(partPath(target.path, dayOf(t), c.name)))) return false;
      }
      return true;
    }
    return exists(downloadIsSegment ? downloadPath(dir, c, request.format) : segmentPath(c));
  };
  const steps = chunkSteps({
    client,
    request,
    dir,
    pool,
    download: o.download,
    readTask: (c) => ({
      op: 'ingest',
      disk: 'target',
      specs: columnSpecs(request),
      rawColumns: rawColumns(request),
      slice: { start: c.start, end: c.end },
      values: request.values,
      segment: segmentFor(c),
    }),
    outputsIntact,
  });
  const owns = o.shard ? (c: ChunkRecord) => manifest.get().chunks.indexOf(c) % o.shard!.count === o.shard!.index : undefined;

  let live: ReadonlyMap<string, ChunkLive> = new Map();
  let lastTick = 0;
  const tick = (force = false) => {
    const t = now();
    if (!force && t - lastTick < 200) return;
    lastTick = t;
    o.onProgress?.(jobProgress(manifest.get(), live, t - started));
  };

  const controller = new AbortController();
  const onAbort = () => controller.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const order = doneInOrder(manifest);
  try {
    if (target.layout === 'dataset') await mkdir(target.path, { recursive: true });
    const running = runChunks({
      manifest,
      steps,
      concurrency: o.concurrency,
      plan,
      signal: controller.signal,
      owns,
      log: o.client?.log,
      onChange: (l) => {
        live = l;
        tick();
      },
      onChunkDone: () => order.wake(),
      onPlanned: (m) => target.format === 'xlsx' && checkExcelEstimate(m),
    }).then(
      () => order.end(null),
      (error: unknown) => {
        order.end(error);
        throw error;
      },
    );
    let saved: SavedFile | null = null;
    if (target.layout === 'file') {
      const pieces = (async function* () {
        for await (const c of order.chunks(window(request))) {
          if (!c.rows) continue;
          yield downloadIsSegment ? downloadPath(dir, c, request.format) : segmentPath(c);
        }
      })();
      const assemble = { text: target.text, window: window(request), record: () => exportRecordLike(o, manifest.get(), now()) };
      const writing = atomicWrite(target.path, assembleFile(target.format, columns, assemble, pieces), {
        overwrite: target.overwrite,
        signal: controller.signal,
      }).catch((error: unknown) => {
        controller.abort();
        throw error;
      });
      [, saved] = await Promise.all([running, writing]);
    } else {
      await running;
    }
    const m = manifest.get();
    const mine = o.shard ? m.chunks.filter((c, i) => i % o.shard!.count === o.shard!.index) : m.chunks;
    const rows = mine.reduce((n, c) => n + (c.rows ?? 0), 0);
    if (!o.shard && rows === 0)
      throw new AppError('no-data', 'None of the signals has data in this time window.', {
        hint: 'Choose a wider or earlier time window.',
      });
    tick(true);
    const result = await finishRecord(o, m, mine, saved, rows, now());
    await rm(dir, { recursive: true, force: true });
    return { ...result, rows, chunks: mine, partsDir: dir };
  } catch (error) {
    // Nothing done is nothing to resume: leave no folder behind.
    if (!manifest.get().chunks.some((c) => (c.state === 'done' && c.rows) || c.state === 'downloaded'))
      await rm(dir, { recursive: true, force: true });
    throw o.signal?.aborted ? new AppError('cancelled', 'Cancelled.') : error;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    if (!o.pool) await pool.close();
  }
}

const window = (r: ExportRequest) => ({ start: Date.parse(r.timeWindow.start), end: Date.parse(r.timeWindow.end) });

/**
 * Excel holds 1,048,575 rows of data: an aggregation's bucket count is known before anything is
 * asked; raw rows once the probe has measured the data. Past the limit, the export stops before a
 * byte is written, proposing an interval that fits.
 */
export function checkExcelRows(request: ExportRequest, rows: number): void {
  try {
    checkXlsxRows({ rows, window: window(request), timeZone: request.values.kind === 'every' ? request.values.timeZone : 'UTC' });
  } catch (error) {
    if (!(error instanceof XlsxRowLimitError)) throw error;
    throw new AppError('validation', error.message, {
      fields: [{ path: 'output', message: 'More rows than Excel holds' }],
      ...(error.proposal
        ? { hint: `Add --every ${error.proposal} (or choose that interval in the window), or save as parquet or csv.` }
        : {}),
    });
  }
}

function checkExcelEstimate(m: Manifest): void {
  if (m.request.values.kind === 'every' || m.measured.rows === 0) return;
  const w = window(m.request);
  checkExcelRows(m.request, Math.round((m.measured.rows / Math.max(1, m.measured.ms)) * (w.end - w.start)));
}

/** The export record as the "Export" sheet of a workbook shows it: every fact but the file's own size and hash. */
function exportRecordLike(o: FileExportOptions, m: Manifest, now: number): unknown {
  const done = m.chunks.filter((c) => c.state === 'done');
  const firsts = done.map((c) => c.first).filter((t): t is number => t != null);
  const lasts = done.map((c) => c.last).filter((t): t is number => t != null);
  const {
    sha256: _sha,
    bytes: _bytes,
    ...rest
  } = buildExportRecord(
    { path: o.target.path, bytes: 0, sha256: '' },
    {
      request: m.request,
      apiUrl: m.apiUrl,
      chunks: m.chunks.map((c) => ({ start: c.start, end: c.end, requestIds: c.requestIds, rows: c.rows ?? 0 })),
      rowCount: done.reduce((n, c) => n + (c.rows ?? 0), 0),
      timeRange: firsts.length ? { start: Math.min(...firsts), end: Math.max(...lasts) } : null,
      options: { format: o.target.format, layout: o.target.layout, ...o.target.text },
      appVersion: o.version,
    },
    now,
  );
  return rest;
}

async function finishRecord(o: FileExportOptions, m: Manifest, mine: ChunkRecord[], saved: SavedFile | null, rows: number, now: number) {
  const firsts = mine.map((c) => c.first).filter((t): t is number => t != null);
  const lasts = mine.map((c) => c.last).filter((t): t is number => t != null);
  const timeRange = firsts.length ? { start: Math.min(...firsts), end: Math.max(...lasts) } : null;
  const facts = {
    request: m.request,
    apiUrl: m.apiUrl,
    chunks: mine.map((c) => ({ start: c.start, end: c.end, requestIds: c.requestIds, rows: c.rows ?? 0 })),
    rowCount: rows,
    timeRange,
    options: { format: o.target.format, layout: o.target.layout, ...o.target.text },
    appVersion: o.version,
  };
  if (saved) {
    await writeExportRecord(buildExportRecord(saved, facts, now), saved.path);
    return { saved, files: 1 };
  }
  const { parts, record } = await datasetRecord(o, facts, mine, now);
  return { saved: record, files: parts };
}

async function datasetRecord(o: FileExportOptions, facts: Parameters<typeof buildExportRecord>[1], mine: ChunkRecord[], now: number) {
  const files: string[] = [];
  for (const c of mine) {
    if (c.first == null || c.last == null) continue;
    for (let t = Math.floor(c.first / 86_400_000) * 86_400_000; t <= c.last; t += 86_400_000)
      files.push(partPath(o.target.path, dayOf(t), c.name));
  }
  const parts = await datasetParts(o.target.path, files);
  const saved: SavedFile = { path: o.target.path, bytes: parts.reduce((n, p) => n + p.bytes, 0), sha256: listingSha256(parts) };
  const name = o.shard ? `export.shard-${o.shard.index}-of-${o.shard.count}.json` : 'export.json';
  const record = buildExportRecord(saved, { ...facts, parts }, now);
  await atomicWrite(join(o.target.path, name), [Buffer.from(`${JSON.stringify(record, null, 2)}\n`)], { overwrite: true });
  return { parts: parts.length, record: saved };
}
