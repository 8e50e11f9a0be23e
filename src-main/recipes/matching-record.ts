import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { ExportRecord, recordPathFor } from '../exports/save/export-record';
import type { RecipeRun } from './recipe-request';

/*
 * Whether a run's output is there already, whole: its export record asks for the same (signals and
 * columns, window, formats, values, time zone) and the file beside it has the record's size and
 * SHA-256. Then the run is skipped, so that running a recipe twice for one window neither
 * duplicates nor corrupts; a file changed or cut since is made again.
 */

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
  return hash.digest('hex');
}

const sameInstant = (a: string, b: string) => Date.parse(a) === Date.parse(b);

/** The reason the output cannot be skipped, or null when it matches. */
export async function outputMismatch(run: RecipeRun): Promise<string | null> {
  const { file, request } = run;
  let record: ExportRecord;
  try {
    const parsed = ExportRecord.safeParse(JSON.parse(await readFile(recordPathFor(file.path), 'utf8')));
    if (!parsed.success) return 'its export record cannot be read';
    record = parsed.data;
  } catch {
    // No record, or not JSON: nothing says what the file holds.
    return 'no export record beside it';
  }
  const asked = record.request;
  if (!sameInstant(asked.timeWindow.start, request.timeWindow.start) || !sameInstant(asked.timeWindow.end, request.timeWindow.end))
    return `it holds another window (${asked.timeWindow.start} to ${asked.timeWindow.end})`;
  const signals = (list: { id: number; column: string }[]) => JSON.stringify(list.map((s) => [s.id, s.column]));
  if (signals(asked.signals) !== signals(request.signals.map((s) => ({ id: s.id, column: s.rename })))) return 'it holds other signals';
  if (record.format !== file.format || asked.format !== request.format || record.layout !== 'file') return 'it is in another format';
  if (JSON.stringify(record.values) !== JSON.stringify(request.values)) return 'it holds other values';
  if (file.format !== 'parquet' && (record.timeZone !== file.text.timeZone || record.localTimeColumn !== file.text.localTimeColumn))
    return 'its times are written in another zone';
  const size = await stat(file.path).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) return 'the file is gone';
  if (size !== record.bytes || (await sha256Of(file.path)) !== record.sha256) return 'the file changed since its record was written';
  return null;
}

/**
 * Whether the run's conditions file is asked for and not there: its data file may match, but the
 * run is not done (it was stopped between the two, or the periods were removed) and runs again.
 */
export const conditionsFileMissing = (run: RecipeRun): Promise<boolean> =>
  run.conditions
    ? stat(run.conditions.path).then(
        () => false,
        () => true,
      )
    : Promise.resolve(false);
