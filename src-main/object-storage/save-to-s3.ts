import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SavedToS3, S3Location, Values } from '../../src-preload/contract';
import type { ExportJob } from '../exports/jobs/export-service';
import { ExportRecord, recordBytes } from '../exports/save/export-record';
import { saveExport, type SaveDeps } from '../exports/save/save-export';
import type { Logger } from '../log/logger';
import { s3DatasetStorage } from './s3-dataset-storage';

/*
 * The window's "Save to S3": a ready job saved as Save… saves a dataset folder (parquet by UTC
 * day, `date=YYYY-MM-DD/part-NNNN.parquet`, written streamed by an export worker from the job's
 * downloads), staged in the cache, then each part uploaded to the bucket through the same
 * DatasetStorage the command line's `--output s3://…` uses (streamed, complete or absent, its
 * SHA-256 in its metadata) and removed from the stage as it lands; the export record is put
 * last. The bucket is checked before anything is written, so a wrong URL, endpoint or credential
 * costs nothing.
 */

export interface SaveToS3Request {
  location: S3Location;
  endpoint?: string;
  region?: string;
  values?: Values;
}

export interface SaveToS3Deps {
  save: Pick<SaveDeps, 'pool' | 'version'>;
  /** Where the dataset is staged (a folder of the cache, emptied at start-up). */
  stagingDir: string;
  log?: Logger;
}

export async function saveToS3(deps: SaveToS3Deps, job: ExportJob, asked: SaveToS3Request): Promise<SavedToS3> {
  const { location } = asked;
  const storage = s3DatasetStorage({
    location,
    ...(asked.endpoint ? { endpoint: asked.endpoint } : {}),
    ...(asked.region ? { region: asked.region } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  });
  await storage.prepare();
  const stage = join(deps.stagingDir, `${job.id}-s3-${randomUUID()}`);
  try {
    await saveExport(
      deps.save,
      job,
      stage,
      {
        format: 'parquet',
        layout: 'dataset',
        timeZone: 'UTC',
        localTimeColumn: false,
        excelLocale: null,
        ...(asked.values ? { values: asked.values } : {}),
      },
      { overwrite: true },
    );
    // The record Save… wrote beside the parts, named after the dataset as the command line names it.
    const record = ExportRecord.parse(JSON.parse(await readFile(join(stage, 'export.json'), 'utf8')));
    const parts = record.parts ?? [];
    let bytes = 0;
    for (const part of parts) bytes += (await storage.putPart(part.file, join(stage, part.file))).bytes;
    await storage.putRecord('export.json', recordBytes({ ...record, file: basename(location.url) }));
    deps.log?.info('Saved to S3', { jobId: job.id, url: location.url, parts: parts.length, bytes });
    return { url: location.url, parts: parts.length, record: `${location.url}export.json`, bytes };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
