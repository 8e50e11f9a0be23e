import type { ExportRequest, SaveFormat } from '../../../src-preload/contract';
import type { TextOptions } from '../../formats/encode-batches';
import { AppError } from '../../errors/app-error';
import type { ExportJob } from '../jobs/export-service';
import type { ChunkRecord } from '../manifest/manifest';
import { periodBatches, periodFileBytes } from '../output/period-file';
import { atomicWrite, type SavedFile } from '../save/atomic-save';
import { donePrefix, joinConditions, plannedConditions } from '../session/conditions';

/*
 * A conditions file: every condition's periods, joined in chunk order from the chunks' periods files
 * in the work folder (a period crossing chunks is one), one row a period, written atomically. The
 * session's conditions output writes it as the chunks are done (the command line's
 * `--conditions-output`, a recipe's conditions file); "Save conditions…" writes it from a ready job,
 * asking Nortech nothing. Memory: one chunk's periods file at a time.
 */

export interface ConditionsFileSpec {
  path: string;
  format: SaveFormat;
  text: TextOptions;
  overwrite: boolean;
}

export async function writeConditionsFile(
  request: Pick<ExportRequest, 'signals' | 'derivations'>,
  dir: string,
  chunks: AsyncIterable<ChunkRecord> | Iterable<ChunkRecord>,
  file: ConditionsFileSpec,
  signal?: AbortSignal,
): Promise<SavedFile> {
  const conditions = plannedConditions(request);
  const rows = (async function* () {
    for await (const { condition, period } of joinConditions(conditions, dir, chunks))
      yield { condition: conditions[condition]!.name, period };
  })();
  return atomicWrite(file.path, periodFileBytes(file.format, file.text, periodBatches(rows)), {
    overwrite: file.overwrite,
    ...(signal ? { signal } : {}),
  });
}

/** A ready job's periods, as the preview shows them, written to `file`. */
export async function saveJobConditions(job: ExportJob, file: ConditionsFileSpec): Promise<SavedFile> {
  const m = job.manifest();
  if (job.status().stage !== 'ready' || !m)
    throw new AppError('not-found', 'This export has no periods to save yet.', { hint: 'Wait until it is ready.' });
  if (!plannedConditions(m.request).length)
    throw new AppError('validation', 'This export has no conditions, so it has no periods to save.', {
      hint: 'Add a condition under "Derived signals and conditions" and export again.',
    });
  return writeConditionsFile(m.request, job.dir, donePrefix(m.chunks, Date.parse(m.request.timeWindow.start)), file);
}

/** The name Save conditions… proposes: the data file's, with `-periods` before the extension. */
export const conditionsFileName = (dataName: string, format: SaveFormat) => `${dataName.replace(/\.[a-z]+$/i, '')}-periods.${format}`;
