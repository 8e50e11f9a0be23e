import { describe, expect, it } from 'vitest';
import type { SelectedSignal } from '../../../../src-preload/contract';
import { selectionOfRequest, toExportRequest } from './export-request';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const signal: SelectedSignal = {
  id: 1,
  name: 'T',
  rename: 'T',
  physicalUnit: '°C',
  dataType: 'float',
  description: '',
  longDescription: '',
  workspace: { id: 1, name: 'W' },
  asset: { id: 2, name: 'A' },
  division: { id: 3, name: 'D' },
  unit: { id: 4, name: 'U' },
};

describe('export request', () => {
  it('reads a relative window at the moment of export', () => {
    const r = toExportRequest({ signals: [signal], window: { start: 'now-1h', end: 'now', timeZone: 'UTC' }, format: 'csv' }, 'demo', NOW);
    expect(r).toEqual({
      ok: true,
      request: {
        connectionId: 'demo',
        signals: [signal],
        timeWindow: { start: '2026-11-26T11:00:00.000Z', end: '2026-11-26T12:00:00.000Z' },
        format: 'csv',
      },
    });
    expect(
      toExportRequest({ signals: [signal], window: { start: 'now', end: 'now-1h', timeZone: 'UTC' }, format: 'csv' }, 'demo', NOW),
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
    };
    expect(selectionOfRequest(request, 'Europe/Lisbon').window).toEqual({
      start: '2026-07-01 12:00:00',
      end: '2026-07-01 13:00:00',
      timeZone: 'Europe/Lisbon',
    });
  });
});
