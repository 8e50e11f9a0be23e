import { basename } from 'node:path';
import { z } from 'zod';
import { Format, type ExportRequest, type SaveOptions } from '../../../src-preload/contract';
import { signalPath, toWireRequest } from '../../nortech/to-domain';
import { atomicWrite, type AtomicSaveOptions, type SavedFile } from './atomic-save';

/*
 * `<file>.export.json`, beside each saved file: what was asked (each signal with its path, unit and
 * data type, the window, the formats, the time zone), what came back (request ID, rows, the time
 * range found) and the file's SHA-256: enough to check the file and to run the export again exactly
 * (`apiRequest` is the body that was sent to Nortech).
 */

export const ExportRecord = z.object({
  kind: z.literal('signal-explorer-export'),
  version: z.literal(1),
  file: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  format: Format,
  savedAt: z.string(),
  app: z.string(),
  requestId: z.number().int().nullable(),
  rowCount: z.number().int(),
  timeRange: z.object({ start: z.string(), end: z.string() }).nullable(),
  timeZone: z.string(),
  localTimeColumn: z.boolean(),
  excelLocale: z.string().nullable(),
  request: z.object({
    apiUrl: z.string().nullable(),
    timeWindow: z.object({ start: z.string(), end: z.string() }),
    /** The format Nortech was asked for (the saved one may differ: converted). */
    format: Format,
    signals: z.array(
      z.object({
        id: z.number().int(),
        path: z.string(),
        column: z.string(),
        physicalUnit: z.string(),
        dataType: z.string(),
        description: z.string(),
      }),
    ),
  }),
  apiRequest: z.unknown(),
});
export type ExportRecord = z.infer<typeof ExportRecord>;

export interface RecordFacts {
  request: ExportRequest;
  apiUrl: string | null;
  requestId: number | undefined;
  rowCount: number;
  timeRange: { start: number; end: number } | null;
  options: Pick<SaveOptions, 'format' | 'timeZone' | 'localTimeColumn' | 'excelLocale'>;
  appVersion: string;
}

export function buildExportRecord(saved: SavedFile, facts: RecordFacts, now = Date.now()): ExportRecord {
  const { request, options } = facts;
  return {
    kind: 'signal-explorer-export',
    version: 1,
    file: basename(saved.path),
    sha256: saved.sha256,
    bytes: saved.bytes,
    format: options.format,
    savedAt: new Date(now).toISOString(),
    app: `signal-explorer/${facts.appVersion}`,
    requestId: facts.requestId ?? null,
    rowCount: facts.rowCount,
    timeRange: facts.timeRange && {
      start: new Date(facts.timeRange.start).toISOString(),
      end: new Date(facts.timeRange.end).toISOString(),
    },
    timeZone: options.format === 'parquet' ? 'UTC' : options.timeZone,
    localTimeColumn: options.format !== 'parquet' && options.localTimeColumn,
    excelLocale: options.format === 'csv' ? options.excelLocale : null,
    request: {
      apiUrl: facts.apiUrl,
      timeWindow: request.timeWindow,
      format: request.format,
      signals: request.signals.map((s) => ({
        id: s.id,
        path: signalPath(s),
        column: s.rename,
        physicalUnit: s.physicalUnit,
        dataType: s.dataType,
        description: s.description,
      })),
    },
    apiRequest: toWireRequest(request),
  };
}

export const recordPathFor = (savedPath: string) => `${savedPath}.export.json`;

/** Writes the record beside the saved file (replacing an older record of that file). */
export function writeExportRecord(record: ExportRecord, savedPath: string, opts: Omit<AtomicSaveOptions, 'overwrite'> = {}) {
  return atomicWrite(recordPathFor(savedPath), [Buffer.from(`${JSON.stringify(record, null, 2)}\n`)], { ...opts, overwrite: true });
}
