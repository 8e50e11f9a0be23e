import type { OutputFormat } from '../../output/produce-file';
import type { SearchJson } from './request-body';

/*
 * The record of data requests (`emulator.dataRequests`): one entry per sync or async request that
 * passed validation, in arrival order, so a test can prove which time slices a client asked for
 * (and that a resumed export never asked for a finished one again). 400s are not recorded: they
 * name no window.
 */

export type FailureReason = 'Data request failed' | 'Request timed out';

export type DataRequestOutcome = 'Running' | 'Finished' | FailureReason | 'Signals not found' | 'Signal Data not found';

export interface DataRequestRecord {
  /** null when refused before getting an ID (the 404s). */
  requestId: number | null;
  mode: 'sync' | 'async';
  /** As the client gave them: signal IDs, or search JSONs (with rename). */
  signals: (number | SearchJson)[];
  /** As the client asked, epoch ms: [start, end); end null when not given ("until now"). */
  window: { start: number; end: number | null };
  format: OutputFormat;
  /** Rows of the file (or that it would have had); null when signals were not found. */
  rows: number | null;
  /** Running (async, not done yet), Finished, the failure, or the 404's status. */
  outcome: DataRequestOutcome;
}

/** What the client asked, as recorded. */
export type AskedFor = Pick<DataRequestRecord, 'mode' | 'signals' | 'window' | 'format'>;

/** A copy a caller may keep or change without touching the record. */
export function copyRecord(r: DataRequestRecord): DataRequestRecord {
  return { ...r, signals: r.signals.map((s) => (typeof s === 'number' ? s : { ...s })), window: { ...r.window } };
}

/**
 * The line `--log` writes for a data request: method, path and window (plus the ID, outcome and
 * rows the server gave it). Never headers, keys, queries or signal names.
 */
export function logFields(r: DataRequestRecord): Record<string, unknown> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    method: 'POST',
    path: `/api/v1/historical-data/${r.mode}`,
    window: { start: iso(r.window.start), end: iso(r.window.end) },
    requestId: r.requestId,
    outcome: r.outcome,
    rows: r.rows,
  };
}
