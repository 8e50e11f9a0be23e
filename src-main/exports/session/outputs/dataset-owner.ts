import type { ExportRequest } from '../../../../src-preload/contract';
import { AppError } from '../../../errors/app-error';
import { ExportRecord } from '../../save/export-record';
import type { DatasetStorage } from '../dataset-storage';

/*
 * Whose dataset a folder holds: before any part is put, the records already there are read. Those
 * of this export (the same signals, window and values: a rerun, another shard of its plan) are
 * its own; any other (or a record that does not parse) is another export's, and the session
 * refuses, replaces it (--overwrite) or adds beside it (--append, refused where their UTC days
 * overlap: parts are named by day and chunk, so overlapping days would mix).
 */

const DAY = 86_400_000;

const sameExport = (r: ExportRecord, request: ExportRequest) =>
  Date.parse(r.request.timeWindow.start) === Date.parse(request.timeWindow.start) &&
  Date.parse(r.request.timeWindow.end) === Date.parse(request.timeWindow.end) &&
  JSON.stringify(r.request.signals.map((s) => [s.id, s.column])) === JSON.stringify(request.signals.map((s) => [s.id, s.rename])) &&
  JSON.stringify(r.values) === JSON.stringify(request.values);

/** UTC days [first, last] a window touches (end exclusive). */
const daysOf = (start: number, end: number) => [Math.floor(start / DAY), Math.floor((end - 1) / DAY)] as const;

export async function checkDatasetOwner(
  storage: DatasetStorage,
  request: ExportRequest,
  existing: 'refuse' | 'overwrite' | 'append',
): Promise<void> {
  const others: { name: string; record: ExportRecord | null }[] = [];
  for (const { name, data } of await storage.records()) {
    let record: ExportRecord | null = null;
    try {
      const parsed = ExportRecord.safeParse(JSON.parse(Buffer.from(data).toString('utf8')));
      record = parsed.success ? parsed.data : null;
    } catch {
      // Not JSON: someone else's file under our record's name, another export's as far as we can tell.
    }
    if (!record || !sameExport(record, request)) others.push({ name, record });
  }
  if (!others.length) return;
  const describe = ({ name, record }: (typeof others)[number]) =>
    record
      ? `${name}: ${record.request.signals.length} signal(s), ${record.request.timeWindow.start} to ${record.request.timeWindow.end}`
      : `${name}, which is not an export record`;
  if (existing === 'overwrite') return storage.clear();
  if (existing === 'append') {
    const [first, last] = daysOf(Date.parse(request.timeWindow.start), Date.parse(request.timeWindow.end));
    const overlapping = others.filter(({ record }) => {
      if (!record) return true;
      const [f, l] = daysOf(Date.parse(record.request.timeWindow.start), Date.parse(record.request.timeWindow.end));
      return f <= last && first <= l;
    });
    if (!overlapping.length) return;
    throw new AppError(
      'validation',
      `${storage.location} holds an export whose days overlap this one's (${overlapping.map(describe).join('; ')}).`,
      {
        hint: 'Append only a window on other UTC days, replace the dataset with --overwrite, or choose another folder.',
      },
    );
  }
  throw new AppError('validation', `${storage.location} holds another export's dataset (${others.map(describe).join('; ')}).`, {
    hint: "Add --overwrite to replace it, --append to add this export's days beside it, or choose another folder.",
  });
}
