import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SaveOptions } from '../../../src-preload/contract';
import { AppError } from '../../errors/app-error';
import { writeInWorker } from '../decode/run-worker';
import type { ExportService } from '../jobs/export-service';
import { atomicCopy, type SavedFile } from './atomic-save';
import { buildExportRecord, writeExportRecord } from './export-record';
import type { SaveFs } from './save-fs';
import { suggestedFileName } from './suggested-name';

/*
 * Saving a ready job. The downloaded format, asked for with default text options (UTC, no local
 * time, not for Excel), is a byte copy of the verified download; anything else is converted from
 * the decoded table in a worker into a temporary file in the cache first. Either way the target is
 * then written atomically, and the export record goes beside it.
 */

export type SaveRequest = Pick<SaveOptions, 'format' | 'timeZone' | 'localTimeColumn' | 'excelLocale'>;

const isByteCopy = (downloaded: string, o: SaveRequest) =>
  o.format === downloaded && o.timeZone === 'UTC' && !o.localTimeColumn && (o.format !== 'csv' || !o.excelLocale);

/** The file to hand over: the cached download itself, or a fresh conversion (`temporary`). */
async function sourceFile(
  service: ExportService,
  jobId: string,
  o: SaveRequest,
  signal?: AbortSignal,
): Promise<{ path: string; temporary: boolean }> {
  const { job, table } = await service.table(jobId);
  if (isByteCopy(job.status.request.format, o) && job.cacheFile) return { path: job.cacheFile, temporary: false };
  const dir = join(service.options.cacheDir, 'converted');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${jobId}-${randomBytes(4).toString('hex')}.${o.format}`);
  try {
    await writeInWorker(
      table,
      o.format,
      path,
      { timeZone: o.timeZone, localTimeColumn: o.localTimeColumn, excelLocale: o.excelLocale },
      signal,
    );
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, temporary: true };
}

export interface SaveToOptions {
  overwrite: boolean;
  fs?: SaveFs;
  signal?: AbortSignal;
}

/** Saves a ready job at `dest` with its export record beside it. */
export async function saveJobTo(
  service: ExportService,
  jobId: string,
  dest: string,
  o: SaveRequest,
  to: SaveToOptions,
): Promise<SavedFile> {
  const source = await sourceFile(service, jobId, o, to.signal);
  let saved: SavedFile;
  try {
    saved = await atomicCopy(source.path, dest, { overwrite: to.overwrite, fs: to.fs, signal: to.signal });
  } finally {
    if (source.temporary) await rm(source.path, { force: true });
  }
  const job = service.job(jobId);
  const result = job.status.result!;
  const record = buildExportRecord(saved, {
    request: job.status.request,
    apiUrl: job.apiUrl,
    requestId: job.status.requestId,
    rowCount: result.rowCount,
    timeRange: result.timeRange,
    options: o,
    appVersion: service.options.version,
  });
  try {
    await writeExportRecord(record, dest, { fs: to.fs });
  } catch (error) {
    throw new AppError('file', `${dest} was saved, but its export record could not be written: ${(error as Error).message}`, {
      hint: 'The data file is complete; save again to get the record.',
    });
  }
  await service.options.history?.addSavedPath(jobId, dest).catch(() => undefined);
  return saved;
}

/** Browser mode: the file the browser should download, and the name to give it. */
export async function prepareJobFile(
  service: ExportService,
  jobId: string,
  o: SaveRequest,
): Promise<{ filePath: string; fileName: string }> {
  const source = await sourceFile(service, jobId, o);
  return { filePath: source.path, fileName: suggestedFileName(service.job(jobId).status.request, o.format) };
}
