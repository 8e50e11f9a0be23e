import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalNamed, startTestEmulator, type TestEmulator } from '../../testing/fixture';

/* emulator.dataRequests: which slices a client asked for, and what each got. */

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ maxRowsPerRequest: 10_000 });
});
afterAll(() => emu.close());

const flow = signalNamed('Raw Water Pumps', 'Raw Water Flow'); // 10 s
const wind = signalNamed('Nacelle', 'Wind Speed'); // 1 s
const search = {
  workspace: wind.unit.division.asset.workspace.name,
  asset: wind.unit.division.asset.name,
  division: wind.unit.division.name,
  unit: wind.unit.name,
  signal: wind.name,
  rename: 'wind',
};
const t = (iso: string) => Date.parse(iso);

describe('dataRequests', () => {
  it('records every validated request in arrival order, with its slice, rows and outcome', async () => {
    expect(emu.dataRequests).toEqual([]);
    const a = await emu.post('/api/v1/historical-data/sync', {
      signals: [flow.id],
      timeWindow: { start: '2025-03-01T00:00:00Z', end: '2025-03-01T01:00:00.250Z' },
      format: 'csv',
    });
    await emu.post('/api/v1/historical-data/sync', {
      signals: [search],
      timeWindow: { start: '2025-03-01T00:00:00Z', end: '2025-03-02T00:00:00Z' },
    });
    await emu.post('/api/v1/historical-data/sync', { signals: [flow.id, 4242], timeWindow: { start: '2025-03-01T00:00:00Z' } });
    await emu.post('/api/v1/historical-data/sync', {
      signals: [flow.id],
      timeWindow: { start: '2024-03-01T00:00:00Z', end: '2024-03-02T00:00:00Z' },
    });
    await emu.post('/api/v1/historical-data/sync', { signals: [], timeWindow: { start: '2025-03-01T00:00:00Z' } }); // 400: not recorded
    const { requestId } = (await a.json()) as { requestId: number };

    expect(emu.dataRequests).toEqual([
      {
        requestId,
        mode: 'sync',
        signals: [flow.id],
        window: { start: t('2025-03-01T00:00:00Z'), end: t('2025-03-01T01:00:00.250Z') },
        format: 'csv',
        rows: 361,
        outcome: 'Finished',
      },
      {
        requestId: requestId + 1,
        mode: 'sync',
        signals: [search],
        window: { start: t('2025-03-01T00:00:00Z'), end: t('2025-03-02T00:00:00Z') },
        format: 'parquet',
        rows: expect.any(Number),
        outcome: 'Request timed out',
      },
      {
        requestId: null,
        mode: 'sync',
        signals: [flow.id, 4242],
        window: { start: t('2025-03-01T00:00:00Z'), end: null },
        format: 'parquet',
        rows: null,
        outcome: 'Signals not found',
      },
      {
        requestId: null,
        mode: 'sync',
        signals: [flow.id],
        window: { start: t('2024-03-01T00:00:00Z'), end: t('2024-03-02T00:00:00Z') },
        format: 'parquet',
        rows: 0,
        outcome: 'Signal Data not found',
      },
    ]);
    expect(emu.dataRequests[1]!.rows).toBeGreaterThan(10_000);
  });

  it('follows an async request from Running to its outcome', async () => {
    emu.faults.asyncHoldMs = 300;
    try {
      const res = await emu.post('/api/v1/historical-data/async', {
        signals: [flow.id],
        timeWindow: { start: '2025-03-01T00:00:00Z', end: '2025-03-01T00:01:00Z' },
      });
      const { requestId } = (await res.json()) as { requestId: number };
      expect(emu.dataRequests.at(-1)).toMatchObject({ requestId, mode: 'async', rows: 6, outcome: 'Running' });
      for (let i = 0; i < 100 && emu.dataRequests.at(-1)!.outcome === 'Running'; i++) await sleep(20);
      expect(emu.dataRequests.at(-1)).toMatchObject({ requestId, outcome: 'Finished' });
    } finally {
      emu.resetFaults();
    }
  });

  it('the rows recorded are the rows of the file', async () => {
    const res = await emu.post('/api/v1/historical-data/sync', {
      signals: [wind.id, flow.id],
      timeWindow: { start: '2025-05-07T10:00:00.001Z', end: '2025-05-07T12:00:00Z' },
      format: 'csv',
    });
    const { outputFile } = (await res.json()) as { outputFile: string };
    const lines = (await (await fetch(outputFile)).text()).trimEnd().split('\n').length;
    expect(emu.dataRequests.at(-1)!.rows).toBe(lines - 1);
  });

  it('hands out copies: changing one does not change the record', () => {
    const copy = emu.dataRequests;
    copy[0]!.window.start = 0;
    copy.pop();
    expect(emu.dataRequests[0]!.window.start).toBe(t('2025-03-01T00:00:00Z'));
    expect(emu.dataRequests.length).toBe(copy.length + 1);
  });
});
