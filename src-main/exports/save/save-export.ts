import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SaveOptions, Values } from '../../../src-preload/contract';
import { AppError } from '../../errors/app-error';
import { appendParquet } from '../../formats/parquet/parquet-append';
import type { ExportJob } from '../jobs/export-service';
import { downloadPath, type ChunkRecord, type Manifest } from '../manifest/manifest';
import { columnSpecs, outputColumns } from '../output/columns';
import { checkXlsxRows, XlsxRowLimitError } from '../../formats/xlsx/row-limit';
import { countBuckets } from '../../transform/bucket-grid';
import { transformsOf } from '../session/read-task';
import type { WorkerPool } from '../worker/worker-pool';
import type { WriteResult, WriteTask } from '../worker/worker-protocol';
import { datasetParts, listingSha256 } from '../output/dataset-record';
import { atomicCopy, atomicWrite, stageCopyFile, stageWrite, syncFolder, type SavedFile } from './atomic-save';
import { buildExportRecord, buildSheetRecord, recordBytes, recordPathFor, writeExportRecord, type SheetRecord } from './export-record';
import { heldFiles, type HeldFile, type HeldFiles } from './held-file';
import { recordFacts } from './record-facts';

/*
 * Save…: a ready export to a file (or a dataset folder) the user chose. The cheapest faithful path
 * is taken: in the downloaded format, a copy of the job's held file (held-file.ts: the one download,
 * or the downloads joined once the job was ready) by the OS; where there is none, the download
 * streamed (one chunk) or the chunks' parquet row groups joined under one footer; otherwise the chunks decoded
 * again in an export worker and written in the saved format, streamed. Always atomic, with the
 * export record beside the file.
 */

export type SaveRequest = Pick<SaveOptions, 'format' | 'layout' | 'timeZone' | 'localTimeColumn' | 'excelLocale' | 'values'>;

export interface SaveDeps {
  pool: WorkerPool;
  version: string;
  addSavedPath?(jobId: string, path: string): Promise<void>;
  /** The jobs' held files (the export in its downloaded format, made once it is ready); one of its own if not given. */
  held?: HeldFiles;
}

const ownHeld = heldFiles();

export interface SaveTo {
  overwrite: boolean;
  signal?: AbortSignal;
}

const defaultText = (o: SaveRequest) => o.timeZone === 'UTC' && !o.localTimeColumn && (o.format !== 'csv' || !o.excelLocale);

function readyManifest(job: ExportJob): Manifest {
  const m = job.manifest();
  if (job.status().stage !== 'ready' || !m)
    throw new AppError('not-found', 'This export has no data to save yet.', { hint: 'Wait until it is ready.' });
  return m;
}

/**
 * The saved file's values: the export's own unless Save asks for others. Downloads are always the
 * raw rows, so any interval can be saved from any export (hourly means of an export shown as
 * 15-minute ones, or raw values of it).
 */
const valuesOf = (m: Manifest, o: SaveRequest): Values => o.values ?? m.request.values;

/** Excel holds 1,048,575 rows of data: refused before anything is written, with an interval that fits. */
function checkExcel(window: { start: number; end: number }, values: Values, rows: number): void {
  try {
    checkXlsxRows({ rows, window, timeZone: values.kind === 'every' ? values.timeZone : 'UTC' });
  } catch (error) {
    if (!(error instanceof XlsxRowLimitError)) throw error;
    throw new AppError('validation', error.message, {
      fields: [{ path: 'values', message: error.proposal ? `Aggregate every ${error.proposal} or more` : 'More rows than Excel holds' }],
      ...(error.proposal ? { interval: error.proposal } : {}),
      hint: error.proposal
        ? `Choose "every ${error.proposal}" (or longer) under Values, or save as parquet or csv.`
        : 'Save as parquet or csv.',
    });
  }
}

async function writeData(
  deps: SaveDeps,
  job: ExportJob,
  m: Manifest,
  dest: string,
  o: SaveRequest,
  to: SaveTo,
  record: () => SheetRecord,
): Promise<WriteResult> {
  const values = valuesOf(m, o);
  // Every chunk Nortech sent rows in (an aggregated export's too: it is aggregated again as saved).
  const chunks = m.chunks.filter(
    (c): c is ChunkRecord & { download: NonNullable<ChunkRecord['download']> } => !!c.download && c.rows !== 0,
  );
  const downloads = chunks.map((c) => downloadPath(job.dir, c, m.request.format));
  const rows = chunks.reduce((n, c) => n + (c.rows ?? 0), 0);
  const window = { start: Date.parse(m.request.timeWindow.start), end: Date.parse(m.request.timeWindow.end) };
  // The raw rows of an aggregated export are what Nortech delivered.
  const rawRows = () => (m.request.values.kind === 'raw' ? rows : chunks.reduce((n, c) => n + (c.sourceRows ?? c.rows ?? 0), 0));
  const expectedRows = values.kind === 'every' ? countBuckets(window, values.interval, values.timeZone) : rawRows();
  if (o.format === 'xlsx') checkExcel(window, values, expectedRows);
  const asDownloaded = values.kind === 'raw' && !derivedIn(m) && o.layout === 'file' && o.format === m.request.format && defaultText(o);
  const held = await heldFor(deps, job, m, o);
  if (held) {
    const saved = await (await stageCopyFile(held.path, dest, held, { overwrite: to.overwrite, signal: to.signal })).publish();
    return { op: 'write', ...saved, rows, files: [saved.path] };
  }
  if (asDownloaded && chunks.length === 1) {
    const saved = await atomicCopy(downloads[0]!, dest, { overwrite: to.overwrite, signal: to.signal });
    return { op: 'write', ...saved, rows, files: [saved.path] };
  }
  if (asDownloaded && o.format === 'parquet') {
    const saved = await atomicWrite(dest, appendParquet(downloads), { overwrite: to.overwrite, signal: to.signal });
    return { op: 'write', ...saved, rows, files: [saved.path] };
  }
  const columns = outputColumns({ signals: m.request.signals, values, derivations: m.request.derivations });
  const text = { timeZone: o.timeZone, localTimeColumn: o.localTimeColumn, excelLocale: o.excelLocale };
  const target: WriteTask['target'] =
    o.layout === 'dataset'
      ? { kind: 'dataset', dir: dest, columns }
      : o.format === 'xlsx'
        ? { kind: 'xlsx', path: dest, overwrite: to.overwrite, timeZone: o.timeZone, columns, expectedRows, record: record() }
        : { kind: 'file', format: o.format, path: dest, overwrite: to.overwrite, text, columns };
  const task: WriteTask = {
    op: 'write',
    sources: chunks.map((c, i) => ({ path: downloads[i]!, format: m.request.format, slice: { start: c.start, end: c.end }, name: c.name })),
    specs: columnSpecs(m.request),
    transforms: transformsOf(m.request, values),
    target,
  };
  return deps.pool.run(task, { signal: to.signal });
}

/** The job's held file (held-file.ts) when `o` saves the export as it was downloaded: raw, one file, the download's format. */
/**
 * Whether the downloads are not the export's rows as they are: derived columns (computed by the
 * app, not in the download) or a file Nortech sent out of time order (sorted as it was read). A
 * save then writes the rows, never copies the downloads.
 */
const derivedIn = (m: Manifest) => !!m.request.derivations?.derived.length || m.chunks.some((c) => c.sorted === false);

function heldFor(deps: SaveDeps, job: ExportJob, m: Manifest, o: SaveRequest): Promise<HeldFile | null> {
  const asDownloaded =
    valuesOf(m, o).kind === 'raw' && !derivedIn(m) && o.layout === 'file' && o.format === m.request.format && defaultText(o);
  return asDownloaded ? (deps.held ?? ownHeld).get(job.dir, m) : Promise.resolve(null);
}

const recordError = (dest: string, error: unknown) =>
  new AppError('file', `${dest} was saved, but its export record could not be written: ${(error as Error).message}`, {
    hint: 'The data file is complete; save again to get the record.',
  });

/**
 * The held file copied to `dest` by the OS, its record written beside it meanwhile (it knows the
 * size and hash already): each is an fsync, and done together they cost about one. The file takes
 * its name, then the record (a record never names a file that is not there), and one flush of the
 * folder makes both names durable: the two renames are journalled in that order (ext4, xfs, apfs,
 * ntfs), so a power cut leaves neither, the file, or both. History is told once both are named,
 * not waited for (its reads wait for it). A flush of the folder per name, then History, took 5-113
 * ms (median 58) after the copy of L parquet's 34 MB at a load of 15-27; now 1-17 ms (median 3.5).
 */
async function saveHeld(
  deps: SaveDeps,
  job: ExportJob,
  m: Manifest,
  held: HeldFile,
  dest: string,
  o: SaveRequest,
  to: SaveTo,
): Promise<SavedFile> {
  const rows = m.chunks.reduce((n, c) => n + (c.download && c.rows ? c.rows : 0), 0);
  const written: WriteResult = { op: 'write', path: dest, bytes: held.bytes, sha256: held.sha256, rows, files: [dest] };
  const record = buildExportRecord(written, factsOf(deps, m, o, { rowCount: rows }));
  const [data, rec] = await Promise.allSettled([
    stageCopyFile(held.path, dest, held, { overwrite: to.overwrite, signal: to.signal }),
    stageWrite(recordPathFor(dest), [recordBytes(record)], { overwrite: true }),
  ]);
  if (data.status === 'rejected') {
    if (rec.status === 'fulfilled') await rec.value.discard();
    throw data.reason;
  }
  const saved = await data.value.name().catch(async (error: unknown) => {
    if (rec.status === 'fulfilled') await rec.value.discard();
    throw error;
  });
  let recordFailure: unknown = null;
  if (rec.status === 'rejected') recordFailure = rec.reason;
  else await rec.value.name().catch((error: unknown) => (recordFailure = error));
  // Told, not waited for: History's reads wait for its queued writes (history-store.ts).
  void deps.addSavedPath?.(job.id, dest).catch(() => undefined);
  await syncFolder(dirname(dest));
  if (recordFailure) throw recordError(dest, recordFailure);
  return saved;
}

/** What the export record says of the file saved with `o`, but the file itself. */
function factsOf(
  deps: SaveDeps,
  m: Manifest,
  o: SaveRequest,
  extra: { rowCount?: number; parts?: { file: string; bytes: number; sha256: string }[] } = {},
) {
  return recordFacts(m, m.chunks, { options: { ...o, values: valuesOf(m, o) }, appVersion: deps.version, ...extra });
}

/** Saves a ready job at `dest` with its export record beside it (inside it, for a dataset). */
export async function saveExport(
  deps: SaveDeps,
  job: ExportJob,
  dest: string,
  o: SaveRequest,
  to: SaveTo,
): Promise<SavedFile & { files: number }> {
  const m = readyManifest(job);
  const held = await heldFor(deps, job, m, o);
  if (held) {
    const saved = await saveHeld(deps, job, m, held, dest, o, to).catch((error: unknown) => {
      (deps.held ?? ownHeld).forget(job.dir);
      throw error;
    });
    return { ...saved, files: 1 };
  }
  if (o.layout === 'dataset') await mkdir(dest, { recursive: true });
  const written = await writeData(deps, job, m, dest, o, to, () => buildSheetRecord(dest, factsOf(deps, m, o)));
  const parts = o.layout === 'dataset' ? await datasetParts(dest, written.files) : undefined;
  if (parts) written.sha256 = listingSha256(parts);
  try {
    await writeExportRecord(buildExportRecord(written, factsOf(deps, m, o, { rowCount: written.rows, ...(parts ? { parts } : {}) })), dest);
  } catch (error) {
    throw recordError(dest, error);
  }
  await deps.addSavedPath?.(job.id, dest).catch(() => undefined);
  return { path: written.path, bytes: written.bytes, sha256: written.sha256, files: written.files.length };
}

/** Browser mode: the file the browser downloads, made in the cache. */
export async function prepareDownload(deps: SaveDeps, job: ExportJob, convertedDir: string, o: SaveRequest, name: string): Promise<string> {
  const m = readyManifest(job);
  if (o.layout === 'dataset')
    throw new AppError('unavailable', 'A dataset folder can be saved by the desktop app or the command line, not by a browser.');
  const path = join(convertedDir, `${job.id}-${Date.now().toString(36)}-${name}`);
  await writeData(deps, job, m, path, o, { overwrite: true }, () => buildSheetRecord(path, factsOf(deps, m, o)));
  return path;
}
