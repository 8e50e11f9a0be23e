import { timeRangeOf, type ChunkRecord, type Manifest } from '../manifest/manifest';
import type { RecordFacts } from './export-record';

/*
 * What an export record says of a saved file or dataset, but the file itself, gathered in one
 * place from the export's manifest: the session's file and dataset outputs and Save… all ask here.
 */

export interface RecordFactsOptions {
  /** How it was saved: format, layout, text options, values (Save… may save other values than the export's). */
  options: RecordFacts['options'];
  appVersion: string;
  /** Rows written, when they are not the chunks' (Save… aggregating a raw export); by default the done chunks' rows. */
  rowCount?: number;
  /** A dataset's parts with their size and SHA-256. */
  parts?: RecordFacts['parts'];
}

/** The facts of `chunks` (all of the manifest's, or a shard's share): slices and request IDs, rows, the time range found. */
export function recordFacts(m: Manifest, chunks: readonly ChunkRecord[], o: RecordFactsOptions): RecordFacts {
  const done = chunks.filter((c) => c.state === 'done');
  return {
    request: m.request,
    apiUrl: m.apiUrl,
    chunks: chunks.map((c) => ({ start: c.start, end: c.end, requestIds: c.requestIds, rows: c.rows ?? 0 })),
    rowCount: o.rowCount ?? done.reduce((n, c) => n + (c.rows ?? 0), 0),
    timeRange: timeRangeOf(done),
    options: o.options,
    ...(o.parts ? { parts: o.parts } : {}),
    appVersion: o.appVersion,
  };
}
