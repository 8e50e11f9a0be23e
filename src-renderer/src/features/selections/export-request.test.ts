import { describe, expect, it } from 'vitest';
import { selectionOfRequest, toExportRequest } from './export-request';
import { DEFAULT_VALUES_INPUT } from './values-form';
import { testSelectedSignal } from '../../../../src-preload/contract/testing/signals';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const RAW = DEFAULT_VALUES_INPUT;
const signal = testSelectedSignal({ id: 1, name: 'T', rename: 'T', physicalUnit: '°C' });

describe('export request', () => {
  it('reads a relative window at the moment of export', () => {
    const r = toExportRequest(
      { signals: [signal], window: { start: 'now-1h', end: 'now', timeZone: 'UTC' }, values: RAW, format: 'csv' },
      'demo',
      { nowMs: NOW },
    );
    expect(r).toEqual({
      ok: true,
      request: {
        connectionId: 'demo',
        signals: [signal],
        timeWindow: { start: '2026-11-26T11:00:00.000Z', end: '2026-11-26T12:00:00.000Z' },
        format: 'csv',
        values: { kind: 'raw' },
      },
    });
    expect(
      toExportRequest({ signals: [signal], window: { start: 'now', end: 'now-1h', timeZone: 'UTC' }, values: RAW, format: 'csv' }, 'demo', {
        nowMs: NOW,
      }),
    ).toEqual({
      ok: false,
      errors: { end: 'End must be after start' },
    });
  });

  it('puts a past request back as absolute times of the zone', () => {
    const request = {
      connectionId: 'demo',
      signals: [signal],
      timeWindow: { start: '2026-07-01T11:00:00.000Z', end: '2026-07-01T12:00:00.000Z' },
      format: 'parquet' as const,
      values: { kind: 'raw' as const },
    };
    expect(selectionOfRequest(request, 'Europe/Lisbon').window).toEqual({
      start: '2026-07-01 12:00:00',
      end: '2026-07-01 13:00:00',
      timeZone: 'Europe/Lisbon',
    });
  });

  it("asks for buckets on the wall clock of the window's zone, and puts them back in that zone", () => {
    const r = toExportRequest(
      {
        signals: [signal],
        window: { start: '2026-07-01 00:00', end: '2026-07-02 00:00', timeZone: 'Europe/Lisbon' },
        values: { kind: 'every', interval: ' 1H ', fns: ['mean', 'max'] },
        format: 'parquet',
      },
      'demo',
      { nowMs: NOW },
    );
    expect(r.ok && r.request.values).toEqual({ kind: 'every', interval: '1h', fns: ['mean', 'max'], timeZone: 'Europe/Lisbon' });
    expect(r.ok && r.request.timeWindow.start).toBe('2026-06-30T23:00:00.000Z');
    const back = selectionOfRequest(r.ok ? r.request : (null as never), 'UTC');
    expect(back.window).toEqual({ start: '2026-07-01 00:00:00', end: '2026-07-02 00:00:00', timeZone: 'Europe/Lisbon' });
    expect(back.values).toEqual({ kind: 'every', interval: '1h', fns: ['mean', 'max'] });
  });
});
