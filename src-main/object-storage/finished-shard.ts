import type { ExportRequest } from '../../src-preload/contract';
import { ExportRecord } from '../exports/save/export-record';
import type { DatasetStorage } from '../exports/session/dataset-storage';

/*
 * A rerun of a shard that is already done (a scheduler retrying a task, a whole array resubmitted)
 * asks Nortech nothing: its record is in the store, for the same signals and window, and every part
 * it lists is there with the same size and SHA-256. Anything else runs the shard again (its parts
 * keep their keys, so nothing is duplicated).
 */
export async function finishedShard(storage: DatasetStorage, recordName: string, request: ExportRequest): Promise<ExportRecord | null> {
  const bytes = await storage.record(recordName);
  if (!bytes) return null;
  let record: ExportRecord;
  try {
    const parsed = ExportRecord.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')));
    if (!parsed.success) return null;
    record = parsed.data;
  } catch {
    // Not JSON: not a record of ours, so the shard is run again and its record replaced.
    return null;
  }
  const same =
    record.layout === 'dataset' &&
    JSON.stringify(record.request.timeWindow) === JSON.stringify(request.timeWindow) &&
    JSON.stringify(record.request.signals.map((s) => [s.id, s.column])) === JSON.stringify(request.signals.map((s) => [s.id, s.rename])) &&
    JSON.stringify(record.values) === JSON.stringify(request.values);
  if (!same) return null;
  for (const p of record.parts ?? []) {
    const stored = await storage.part(p.file);
    if (!stored || stored.bytes !== p.bytes || stored.sha256 !== p.sha256) return null;
  }
  return record;
}
