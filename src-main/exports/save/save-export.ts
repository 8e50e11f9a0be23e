import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SaveOptions, Values } from '../../../src-preload/contract';
import { AppError } from '../../errors/app-error';
import { appendParquet } from '../../formats/parquet/parquet-append';
import type { ExportJob } from '../jobs/export-service';
import type { ChunkRecord, Manifest } from '../manifest/manifest';
import { columnSpecs, downloadPath } from '../run/chunk-steps';
import { outputColumns } from '../to-file/output-columns';
import type { WorkerPool } from '../worker/worker-pool';
import type { WriteResult, WriteTask } from '../worker/write-file';
import { datasetParts, listingSha256 } from '../output/dataset-record';
import { atomicCopy, atomicWrite, type SavedFile } from './atomic-save';
import { buildExportRecord, writeExportRecord } from './export-record';

/*
 * Save…: a ready export to a file (or a dataset folder) the user chose. The cheapest faithful path
 * is taken: the download itself when one chunk was asked for in the saved format (a byte copy); the
 * chunks' parquet row groups joined under one footer (no decoding); otherwise the chunks decoded
 * again in an export worker and written in the saved format, streamed. Always atomic, with the
 * export record beside the file.
 */

export type SaveRequest = Pick<SaveOptions, 'format' | 'layout' | 'timeZone' | 'localTimeColumn' | 'excelLocale' | 'values'>;

export interface SaveDeps {
  pool: WorkerPool;
  version: string;
  addSavedPath?(jobId: string, path: string): Promise<void>;
}

export interface SaveTo {
  overwrite: boolean;
  signal?: AbortSignal;
}

const sameValues = (a: Values, b: Values) => JSON.stringify(a) === JSON.stringify(b);
const defaultText = (o: SaveRequest) => o.timeZone === 'UTC' && !o.localTimeColumn && (o.format !== 'csv' || !o.excelLocale);

function readyManifest(job: ExportJob): Manifest {
  const m = job.manifest();
  if (job.status().stage !== 'ready' || !m)
    throw new AppError('not-found', 'This export has no data to save yet.', { hint: 'Wait until it is ready.' });
  return m;
}

/** The saved file's values: the export's own, unless a raw export is saved aggregated. */
function valuesOf(m: Manifest, o: SaveRequest): Values {
  const wanted = o.values ?? m.request.values;
  if (!sameValues(wanted, m.request.values) && m.request.values.kind !== 'raw') {
    throw new AppError('validation', 'This export holds aggregated values: it is saved as it is.', {
      hint: 'To save other intervals or functions, export the raw values and choose them in Save….',
    });
  }
  return wanted;
}

const withRows = (m: Manifest) =>
  m.chunks.filter((c): c is ChunkRecord & { download: NonNullable<ChunkRecord['download']> } => !!c.rows && !!c.download);

async function writeData(deps: SaveDeps, job: ExportJob, m: Manifest, dest: string, o: SaveRequest, to: SaveTo): Promise<WriteResult> {
  const values = valuesOf(m, o);
  const chunks = withRows(m);
  const downloads = chunks.map((c) => downloadPath(job.dir, c, m.request.format));
  const rows = chunks.reduce((n, c) => n + (c.rows ?? 0), 0);
  if (o.format === 'xlsx') throw new AppError('unavailable', 'Excel files are not available yet.');
  if (values.kind !== 'raw') throw new AppError('unavailable', 'Saving aggregated values is not available yet.');
  const asDownloaded = o.layout === 'file' && o.format === m.request.format && defaultText(o);
  if (asDownloaded && chunks.length === 1) {
    const saved = await atomicCopy(downloads[0]!, dest, { overwrite: to.overwrite, signal: to.signal });
    return { ...saved, rows, files: [saved.path] };
  }
  if (asDownloaded && o.format === 'parquet') {
    const saved = await atomicWrite(dest, appendParquet(downloads), { overwrite: to.overwrite, signal: to.signal });
    return { ...saved, rows, files: [saved.path] };
  }
  const columns = outputColumns({ signals: m.request.signals, values });
  const text = { timeZone: o.timeZone, localTimeColumn: o.localTimeColumn, excelLocale: o.excelLocale };
  const task: WriteTask = {
    op: 'write',
    sources: chunks.map((c, i) => ({ path: downloads[i]!, format: m.request.format, slice: { start: c.start, end: c.end }, name: c.name })),
    specs: columnSpecs(m.request),
    target:
      o.layout === 'dataset'
        ? { kind: 'dataset', dir: dest, columns }
        : { kind: 'file', format: o.format, path: dest, overwrite: to.overwrite, text, columns },
  };
  return deps.pool.run<WriteResult>(task, { signal: to.signal });
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
  if (o.layout === 'dataset') await mkdir(dest, { recursive: true });
  const written = await writeData(deps, job, m, dest, o, to);
  const parts = o.layout === 'dataset' ? await datasetParts(dest, written.files) : undefined;
  if (parts) written.sha256 = listingSha256(parts);
  const result = job.status().result!;
  const facts = {
    request: m.request,
    apiUrl: m.apiUrl,
    chunks: m.chunks.map((c) => ({ start: c.start, end: c.end, requestIds: c.requestIds, rows: c.rows ?? 0 })),
    rowCount: written.rows,
    timeRange: result.timeRange,
    options: { ...o, values: valuesOf(m, o) },
    ...(parts ? { parts } : {}),
    appVersion: deps.version,
  };
  try {
    await writeExportRecord(buildExportRecord(written, facts), dest);
  } catch (error) {
    throw new AppError('file', `${dest} was saved, but its export record could not be written: ${(error as Error).message}`, {
      hint: 'The data file is complete; save again to get the record.',
    });
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
  await writeData(deps, job, m, path, o, { overwrite: true });
  return path;
}
