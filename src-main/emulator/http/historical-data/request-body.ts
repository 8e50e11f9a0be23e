import { z } from 'zod';
import type { OutputFormat } from '../../output/produce-file';
import { parseIsoInstant } from './iso-date';

/*
 * The body of POST /api/v1/historical-data/sync (and /async), validated the way the brief
 * answers: every problem found becomes one `{error, location: "body"}` entry, so a client sees
 * all of them at once. Each part is parsed on its own (a zod object stops refining at the first
 * bad field); the cross-field checks run where their parts are valid.
 */

export interface SearchJson {
  workspace: string;
  asset: string;
  division: string;
  unit: string;
  signal: string;
  rename?: string | undefined;
}

export type RequestedSignal = { kind: 'id'; id: number; given: unknown } | { kind: 'search'; search: SearchJson; given: unknown };

export interface DataRequestBody {
  signals: RequestedSignal[];
  startMs: number;
  /** null: until now. */
  endMs: number | null;
  format: OutputFormat;
}

export interface BodyError {
  error: string;
  location: 'body';
}

export type Validated = { ok: true; value: DataRequestBody } | { ok: false; errors: BodyError[] };

const ID_ERROR = 'signal ID must be an integer greater than 0';
const signalIdSchema = z.number().int({ error: ID_ERROR }).min(1, { error: ID_ERROR }).max(Number.MAX_SAFE_INTEGER, { error: ID_ERROR });

const nameOf = (what: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `missing: the name of the ${what}` : `the name of the ${what} must be a string`) })
    .min(1, { error: `the name of the ${what} must not be empty` });

const searchSchema = z.object({
  workspace: nameOf('workspace'),
  asset: nameOf('asset'),
  division: nameOf('division'),
  unit: nameOf('unit'),
  signal: nameOf('signal'),
  rename: z
    .string({ error: 'rename must be a string' })
    .min(1, { error: 'rename must not be empty' })
    .max(127, { error: 'rename must be at most 127 characters' })
    .optional(),
});

const instant = (field: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `missing: ${field}` : `${field} must be an ISO 8601 date string`) })
    .transform((s, c) => {
      const ms = parseIsoInstant(s);
      if (ms === null)
        c.addIssue({ code: 'custom', message: `${field} must be an ISO 8601 date, e.g. 2021-09-01T00:00:00.000Z; got "${s}"` });
      return ms ?? 0;
    });

const formatSchema = z.enum(['parquet', 'json', 'csv'], { error: 'format must be one of parquet, json, csv' }).default('parquet');

/**
 * `columnOf` names the column a search JSON without rename would get (its signal's ID), or
 * undefined if there is no such signal (reported later as 404): used to find duplicate columns.
 */
export function validateDataRequest(body: unknown, columnOf: (s: SearchJson) => string | undefined): Validated {
  const errors: BodyError[] = [];
  const fail = (error: string) => errors.push({ error, location: 'body' });

  let json: unknown;
  try {
    if (typeof body !== 'string' || body.trim() === '') throw new Error('the body is empty');
    json = JSON.parse(body);
  } catch (err) {
    fail(`the body is not valid JSON: ${(err as Error).message}`);
    return { ok: false, errors };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    fail('the body must be a JSON object with signals, timeWindow and format');
    return { ok: false, errors };
  }
  const b = json as Record<string, unknown>;

  const signals = validateSignals(b.signals, fail, columnOf);

  let startMs: number | null = null;
  let endMs: number | null = null;
  if (b.timeWindow === undefined) fail('missing: timeWindow (an object with start and optional end)');
  else if (typeof b.timeWindow !== 'object' || b.timeWindow === null || Array.isArray(b.timeWindow)) fail('timeWindow must be an object');
  else {
    const tw = b.timeWindow as Record<string, unknown>;
    const start = instant('timeWindow.start').safeParse(tw.start);
    if (start.success) startMs = start.data;
    else start.error.issues.forEach((i) => fail(i.message));
    if (tw.end !== undefined && tw.end !== null) {
      const end = instant('timeWindow.end').safeParse(tw.end);
      if (end.success) endMs = end.data;
      else end.error.issues.forEach((i) => fail(i.message));
    }
    if (startMs !== null && endMs !== null && endMs < startMs) fail('timeWindow.end must not be before timeWindow.start');
  }

  const format = formatSchema.safeParse(b.format ?? undefined);
  if (!format.success) fail(format.error.issues[0]?.message ?? 'invalid format');

  if (errors.length > 0 || !signals || startMs === null || !format.success) return { ok: false, errors };
  return { ok: true, value: { signals, startMs, endMs, format: format.data } };
}

/**
 * The `signals` of a data request (also the live endpoint's whole body): IDs or search JSONs, never
 * mixed, columns unique. Each problem is passed to `fail`; null when there was one.
 */
export function validateSignals(
  value: unknown,
  fail: (error: string) => void,
  columnOf: (s: SearchJson) => string | undefined,
): RequestedSignal[] | null {
  const reject = (error: string) => {
    fail(error);
    return null;
  };
  if (value === undefined) return reject('missing: signals (an array of signal IDs or of signal search JSONs)');
  if (!Array.isArray(value)) return reject('signals must be an array of signal IDs or of signal search JSONs');
  if (value.length === 0) return reject('signals must not be empty');
  const hasIds = value.some((s) => typeof s === 'number');
  const hasSearches = value.some((s) => typeof s === 'object' && s !== null && !Array.isArray(s));
  if (hasIds && hasSearches) return reject('signals must be all signal IDs or all signal search JSONs, not a mix');

  const out: RequestedSignal[] = [];
  let valid = true;
  value.forEach((given, i) => {
    if (typeof given === 'number') {
      const id = signalIdSchema.safeParse(given);
      if (id.success) out.push({ kind: 'id', id: id.data, given });
      else {
        valid = false;
        fail(`signals[${i}]: ${id.error.issues[0]?.message ?? ID_ERROR}, got ${given}`);
      }
    } else if (typeof given === 'object' && given !== null && !Array.isArray(given)) {
      const search = searchSchema.safeParse(given);
      if (search.success) out.push({ kind: 'search', search: search.data, given });
      else {
        valid = false;
        search.error.issues.forEach((iss) => fail(`signals[${i}].${iss.path.join('.')}: ${iss.message}`));
      }
    } else {
      valid = false;
      fail(`signals[${i}] must be a signal ID (integer > 0) or a signal search JSON`);
    }
  });
  if (!valid) return null;

  // Two columns with one name would make the wide table ambiguous.
  const seen = new Map<string, number>();
  out.forEach((s, i) => {
    const column = s.kind === 'id' ? String(s.id) : (s.search.rename ?? columnOf(s.search));
    if (column === undefined) return;
    const first = seen.get(column);
    if (first === undefined) seen.set(column, i);
    else {
      valid = false;
      fail(`signals[${i}]: duplicate column name "${column}" (same as signals[${first}]); use rename`);
    }
  });
  return valid ? out : null;
}
