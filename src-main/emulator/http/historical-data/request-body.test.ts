import { describe, expect, it } from 'vitest';
import { parseIsoInstant } from './iso-date';
import { validateDataRequest, type SearchJson } from './request-body';

const search = (signal: string, rename?: string): SearchJson => ({
  workspace: 'W',
  asset: 'A',
  division: 'D',
  unit: 'U',
  signal,
  ...(rename === undefined ? {} : { rename }),
});
const known: Record<string, string> = { S1: '10001', S2: '10002' };
const columnOf = (s: SearchJson) => known[s.signal];
const window = { start: '2025-01-01T00:00:00Z', end: '2025-01-02T00:00:00Z' };

function errorsOf(body: unknown): string[] {
  const r = validateDataRequest(typeof body === 'string' ? body : JSON.stringify(body), columnOf);
  if (r.ok) return [];
  expect(r.errors.every((e) => e.location === 'body')).toBe(true);
  return r.errors.map((e) => e.error);
}

describe('validateDataRequest', () => {
  it('accepts IDs or search JSONs, defaults format to parquet and end to null', () => {
    const r = validateDataRequest(JSON.stringify({ signals: [10001, 10002], timeWindow: { start: window.start } }), columnOf);
    expect(r).toMatchObject({ ok: true, value: { format: 'parquet', endMs: null, startMs: Date.parse(window.start) } });
    const s = validateDataRequest(
      JSON.stringify({ signals: [search('S1', 'x'), search('S2')], timeWindow: window, format: 'csv' }),
      columnOf,
    );
    expect(s.ok && s.value.signals.map((x) => x.kind)).toEqual(['search', 'search']);
  });

  it.each([
    ['not JSON', '{"signals": [1,', /not valid JSON/],
    ['an empty body', '', /not valid JSON/],
    ['a JSON array', '[1,2]', /must be a JSON object/],
    ['signals missing', { timeWindow: window }, /missing: signals/],
    ['signals empty', { signals: [], timeWindow: window }, /must not be empty/],
    ['signals not an array', { signals: 10001, timeWindow: window }, /must be an array/],
    ['IDs mixed with search JSON', { signals: [10001, search('S1')], timeWindow: window }, /not a mix/],
    ['an ID below 1', { signals: [0], timeWindow: window }, /signals\[0\]: signal ID must be an integer greater than 0/],
    ['a fractional ID', { signals: [1.5], timeWindow: window }, /signals\[0\]: signal ID must be an integer/],
    ['a string ID', { signals: ['10001'], timeWindow: window }, /signals\[0\] must be a signal ID/],
    [
      'a search JSON without signal name',
      { signals: [{ workspace: 'W', asset: 'A', division: 'D', unit: 'U' }], timeWindow: window },
      /signals\[0\]\.signal: missing/,
    ],
    ['a rename over 127 characters', { signals: [search('S1', 'x'.repeat(128))], timeWindow: window }, /rename must be at most 127/],
    [
      'two columns with the same name (rename)',
      { signals: [search('S1', 'x'), search('S2', 'x')], timeWindow: window },
      /duplicate column name "x"/,
    ],
    ['two columns with the same name (ID)', { signals: [10001, 10001], timeWindow: window }, /duplicate column name "10001"/],
    [
      'a rename equal to another column’s ID',
      { signals: [search('S1'), search('S2', '10001')], timeWindow: window },
      /duplicate column name "10001"/,
    ],
    ['timeWindow missing', { signals: [1] }, /missing: timeWindow/],
    ['start missing', { signals: [1], timeWindow: { end: window.end } }, /missing: timeWindow\.start/],
    ['start not a date', { signals: [1], timeWindow: { start: 'yesterday' } }, /timeWindow\.start must be an ISO 8601 date/],
    [
      'start an impossible date',
      { signals: [1], timeWindow: { start: '2025-02-30T00:00:00Z' } },
      /timeWindow\.start must be an ISO 8601 date/,
    ],
    ['end not a date', { signals: [1], timeWindow: { start: window.start, end: 12 } }, /timeWindow\.end must be an ISO 8601 date/],
    ['end before start', { signals: [1], timeWindow: { start: window.end, end: window.start } }, /end must not be before/],
    ['an unknown format', { signals: [1], timeWindow: window, format: 'xlsx' }, /format must be one of parquet, json, csv/],
  ])('rejects %s', (_name, body, message) => {
    const errors = errorsOf(body);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it('reports every problem, one entry each', () => {
    const errors = errorsOf({ signals: [0, -3], timeWindow: { start: 'x', end: 'y' }, format: 'xml' });
    expect(errors).toHaveLength(5);
  });
});

describe('parseIsoInstant', () => {
  it('reads ISO 8601 dates and date-times, zones and fractions; times without zone as UTC', () => {
    expect(parseIsoInstant('2021-09-01T00:00:00.000Z')).toBe(Date.UTC(2021, 8, 1));
    expect(parseIsoInstant('2021-09-01')).toBe(Date.UTC(2021, 8, 1));
    expect(parseIsoInstant('2021-09-01T02:30')).toBe(Date.UTC(2021, 8, 1, 2, 30));
    expect(parseIsoInstant('2021-09-01T02:00:00+02:00')).toBe(Date.UTC(2021, 8, 1));
    expect(parseIsoInstant('2021-09-01T00:00:00.123456Z')).toBe(Date.UTC(2021, 8, 1, 0, 0, 0, 123));
    for (const bad of ['2021-9-1', '2021-13-01', '2021-02-29', 'now', '2021-09-01T25:00Z', '']) expect(parseIsoInstant(bad)).toBeNull();
  });
});
