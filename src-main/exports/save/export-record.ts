import { basename, join } from 'node:path';
import { z } from 'zod';
import { Layout, SaveFormat, Values, type ExportRequest, type SaveOptions } from '../../../src-preload/contract';
import { Format } from '../../../src-preload/contract';
import { WrittenWindow } from '../../../src-preload/contract/recipes';
import { signalPath, toWireRequest } from '../../nortech/to-domain';
import { atomicWrite, type AtomicSaveOptions, type SavedFile } from './atomic-save';

/*
 * `<file>.export.json`, beside each saved file (inside a dataset folder: `export.json`): what was
 * asked (each signal with its path, unit and data type, the window, the formats, the values: raw or
 * aggregated, the time zone), what came back (every chunk with its slice and request IDs, so that
 * any slice can be traced with Nortech; rows; the time range found) and the file's SHA-256: enough
 * to check the file and to run the export again exactly (`apiRequest` is the body of the whole
 * window; each chunk asked for its own slice of it).
 */

export const ExportRecord = z.object({
  kind: z.literal('signal-explorer-export'),
  version: z.literal(2),
  /** The file's name; a dataset: its folder's. */
  file: z.string(),
  /** Of the file; a dataset: of the list of its parts with theirs (`parts`). */
  sha256: z.string(),
  bytes: z.number().int(),
  format: SaveFormat,
  layout: Layout,
  /** A dataset's parquet files, relative to its folder, with their size and SHA-256. */
  parts: z.array(z.object({ file: z.string(), bytes: z.number().int(), sha256: z.string() })).optional(),
  savedAt: z.string(),
  app: z.string(),
  /** The file's values: raw, or every interval with functions (buckets on the zone's wall clock). */
  values: Values,
  chunks: z.array(z.object({ start: z.string(), end: z.string(), requestIds: z.array(z.number().int()), rows: z.number().int() })),
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
  /** The window as written when it moves with the clock (`now-1d/d`), and the file-name template it was named by: run again as a recipe. */
  written: WrittenWindow.optional(),
});
export type ExportRecord = z.infer<typeof ExportRecord>;

/** A workbook's "Export" sheet: the export record but the file's own size and hash (not known while it is written). */
export const SheetRecord = ExportRecord.omit({ sha256: true, bytes: true });
export type SheetRecord = z.infer<typeof SheetRecord>;

export interface RecordFacts {
  request: ExportRequest;
  apiUrl: string | null;
  chunks: { start: number; end: number; requestIds: number[]; rows: number }[];
  rowCount: number;
  timeRange: { start: number; end: number } | null;
  options: Pick<SaveOptions, 'format' | 'timeZone' | 'localTimeColumn' | 'excelLocale'> & { layout?: Layout; values?: Values };
  parts?: { file: string; bytes: number; sha256: string }[];
  appVersion: string;
  written?: WrittenWindow;
}

const iso = (t: number) => new Date(t).toISOString();

export function buildExportRecord(saved: SavedFile, facts: RecordFacts, now = Date.now()): ExportRecord {
  const { request, options } = facts;
  return {
    kind: 'signal-explorer-export',
    version: 2,
    file: basename(saved.path),
    sha256: saved.sha256,
    bytes: saved.bytes,
    format: options.format,
    layout: options.layout ?? 'file',
    ...(facts.parts ? { parts: facts.parts } : {}),
    savedAt: new Date(now).toISOString(),
    app: `signal-explorer/${facts.appVersion}`,
    values: options.values ?? request.values,
    chunks: facts.chunks.map((c) => ({ start: iso(c.start), end: iso(c.end), requestIds: c.requestIds, rows: c.rows })),
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
    ...(facts.written ? { written: facts.written } : {}),
  };
}

/** The record for a workbook's "Export" sheet, written before the file's size and hash exist. */
export function buildSheetRecord(path: string, facts: RecordFacts, now = Date.now()): SheetRecord {
  const { sha256: _sha, bytes: _bytes, ...rest } = buildExportRecord({ path, bytes: 0, sha256: '' }, facts, now);
  return rest;
}

export const recordPathFor = (savedPath: string, layout: Layout = 'file') =>
  layout === 'dataset' ? join(savedPath, 'export.json') : `${savedPath}.export.json`;

/** The record as its file holds it. */
export const recordBytes = (record: ExportRecord) => Buffer.from(`${JSON.stringify(record, null, 2)}\n`);

/** Writes the record beside the saved file (replacing an older record of that file). */
export function writeExportRecord(record: ExportRecord, savedPath: string, opts: Omit<AtomicSaveOptions, 'overwrite'> = {}) {
  return atomicWrite(recordPathFor(savedPath, record.layout), [recordBytes(record)], { ...opts, overwrite: true });
}
