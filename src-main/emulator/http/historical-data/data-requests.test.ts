import { readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXED_NOW, demoCatalog, signalNamed, startTestEmulator, type TestEmulator } from '../../testing/fixture';
import { expectMatchesOpenApi } from '../../testing/openapi';

const SYNC = '/api/v1/historical-data/sync';
const GET_REQUEST = '/api/v1/historical-data/{requestId}';

/*
 * POST /historical-data/sync and /async, GET /historical-data/{requestId}: every answer of the
 * brief; where the brief and the OpenAPI agree (200, 404, async), the OpenAPI's schema too. (The
 * files' content is checked in output/output-files.test.ts.)
 */

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
beforeEach(() => {
  emu.resetFaults();
  emu.setNow(FIXED_NOW);
});
afterAll(() => emu.close());

const wind = signalNamed('Nacelle', 'Wind Speed');
const flow = signalNamed('Raw Water Pumps', 'Raw Water Flow');
const legacy = signalNamed('Mast Base', 'Air Temperature (legacy sensor)');
const path = (s: typeof wind) => ({
  workspace: s.unit.division.asset.workspace.name,
  asset: s.unit.division.asset.name,
  division: s.unit.division.name,
  unit: s.unit.name,
  signal: s.name,
});
const window = { start: '2025-03-01T00:00:00Z', end: '2025-03-01T00:01:00Z' };

async function sync(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await emu.post('/api/v1/historical-data/sync', body);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /api/v1/historical-data/sync', () => {
  it('200 Finished with an outputFile on the file host; request IDs increase', async () => {
    const a = await sync({ signals: [wind.id, flow.id], timeWindow: window, format: 'csv' });
    const b = await sync({ signals: [path(wind)], timeWindow: window });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ requestId: expect.any(Number), status: 'Finished', outputFile: expect.any(String) });
    expect(b.body.requestId).toBeGreaterThan(a.body.requestId as number);
    expectMatchesOpenApi('POST', SYNC, 200, a.body);
    expect(new URL(a.body.outputFile as string).pathname).toMatch(/^\/files\/.+\/000\.csv$/);
    expect(new URL(b.body.outputFile as string).pathname).toMatch(/\.parquet$/); // the default format
    const file = await fetch(a.body.outputFile as string);
    expect(file.status).toBe(200);
    expect((await file.text()).split('\n')[0]).toBe(`timestamp,${wind.id},${flow.id}`);
  });

  it('400 in the brief’s shape, one entry per problem', async () => {
    const res = await emu.post('/api/v1/historical-data/sync', '{"signals": [0, -1], "timeWindow": {"start": "soon"}, "format": "xml"}');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { status: string; errors: { error: string; location: string }[] };
    expect(body.status).toBe('Validation Error');
    expect(body.errors).toHaveLength(4);
    expect(body.errors.every((e) => e.location === 'body' && typeof e.error === 'string')).toBe(true);
    expect(Object.keys(body).sort()).toEqual(['errors', 'status']);
  });

  it('400 for a body that is not JSON, whatever the content type', async () => {
    for (const contentType of ['application/json', 'text/plain']) {
      const res = await emu.post('/api/v1/historical-data/sync', 'signals=1', { headers: { 'content-type': contentType } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        status: 'Validation Error',
        errors: [{ location: 'body', error: expect.stringMatching(/JSON/) }],
      });
    }
  });

  it('404 Signals not found lists exactly the missing ones, as given', async () => {
    const ids = await sync({ signals: [wind.id, 99_999, 3001, flow.id], timeWindow: window });
    expect(ids.status).toBe(404);
    expect(ids.body).toEqual({ status: 'Signals not found', details: { signals: [99_999, 3001] } });
    const missing = { ...path(wind), signal: 'No Such Signal', rename: 'x' };
    const other = { ...path(wind), unit: 'No Such Unit' };
    const searches = await sync({ signals: [path(wind), missing, other], timeWindow: window });
    expect(searches.body).toEqual({ status: 'Signals not found', details: { signals: [missing, other] } });
    expectMatchesOpenApi('POST', SYNC, 404, ids.body);
    expectMatchesOpenApi('POST', SYNC, 404, searches.body);
  });

  it('404 Signal Data not found when none of the signals has data in the window', async () => {
    const before = await sync({ signals: [wind.id], timeWindow: { start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z' } });
    expect(before).toEqual({ status: 404, body: { status: 'Signal Data not found' } });
    expectMatchesOpenApi('POST', SYNC, 404, before.body);
    const decommissioned = await sync({ signals: [legacy.id], timeWindow: { start: '2025-05-01T00:00:00Z', end: '2025-05-02T00:00:00Z' } });
    expect(decommissioned.body).toEqual({ status: 'Signal Data not found' });
    const future = await sync({ signals: [wind.id], timeWindow: { start: '2025-07-02T00:00:00Z' } });
    expect(future.body).toEqual({ status: 'Signal Data not found' });
    const empty = await sync({ signals: [wind.id], timeWindow: { start: window.start, end: window.start } });
    expect(empty.body).toEqual({ status: 'Signal Data not found' });
  });

  it('without end the window runs until now (the emulator clock)', async () => {
    emu.setNow(Date.parse('2025-03-01T00:00:05.500Z'));
    const r = await sync({ signals: [flow.id], timeWindow: { start: '2025-03-01T00:00:00Z' }, format: 'json' });
    expect(r.status).toBe(200);
    const rows = (await (await fetch(r.body.outputFile as string)).json()) as { timestamp: string }[];
    expect(rows.map((x) => x.timestamp)).toEqual(['2025-03-01T00:00:00.000Z']);
  });

  it('500 "Data request failed" when writing fails (failWritesNext), then works again', async () => {
    emu.faults.failWritesNext = 1;
    const failed = await sync({ signals: [wind.id], timeWindow: window });
    expect(failed).toEqual({ status: 500, body: { requestId: expect.any(Number), status: 'Failed', error: 'Data request failed' } });
    expect((await sync({ signals: [wind.id], timeWindow: window })).status).toBe(200);
  });

  it.each(['parquet', 'csv', 'json'])('500 "Request timed out" when the %s file takes longer than the time limit', async (format) => {
    const strict = await startTestEmulator({ syncTimeLimitMs: 1, chunkRows: 1000 });
    const cms = [...demoCatalog().signalsById.values()].filter((s) => s.unit.name === 'CMS WTG-A01').slice(0, 10);
    try {
      // 10 signals x 86,400 rows: far more than 1 ms of work, checked every 1,000 rows.
      const res = await strict.post('/api/v1/historical-data/sync', {
        signals: cms.map((s) => s.id),
        timeWindow: { start: '2025-03-01T00:00:00Z', end: '2025-03-02T00:00:00Z' },
        format,
      });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ requestId: expect.any(Number), status: 'Failed', error: 'Request timed out' });
      expect(readdirSync(strict.filesDir)).toEqual([]); // the partial file is gone
    } finally {
      await strict.close();
    }
  });
});

describe('onProduced', () => {
  it('reports each written file with its rows, bytes and production time', async () => {
    const seen: unknown[] = [];
    const reporting = await startTestEmulator({ onProduced: (info) => seen.push(info) });
    try {
      const res = await reporting.post('/api/v1/historical-data/sync', { signals: [flow.id], timeWindow: window, format: 'csv' });
      const { requestId } = (await res.json()) as { requestId: number };
      expect(seen).toEqual([{ requestId, format: 'csv', rows: 6, bytes: expect.any(Number), ms: expect.any(Number) }]);
    } finally {
      await reporting.close();
    }
  });
});

describe('async requests', () => {
  async function poll(requestId: number): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200; i++) {
      const body = (await (await emu.get(`/api/v1/historical-data/${requestId}`)).json()) as Record<string, unknown>;
      if (body.status !== 'Running') return body;
      await sleep(10);
    }
    throw new Error('still running');
  }

  it('POST answers Running with the future outputFile; GET shows Running, then Finished', async () => {
    emu.faults.asyncHoldMs = 500;
    const res = await emu.post('/api/v1/historical-data/async', { signals: [wind.id], timeWindow: window, format: 'json' });
    expect(res.status).toBe(200);
    const started = (await res.json()) as { requestId: number; status: string; outputFile: string };
    expect(started).toEqual({ requestId: expect.any(Number), status: 'Running', outputFile: expect.any(String) });
    expect((await fetch(started.outputFile)).status).toBe(404); // not written yet
    const running = await (await emu.get(`/api/v1/historical-data/${started.requestId}`)).json();
    expect(running).toEqual(started);
    expectMatchesOpenApi('POST', '/api/v1/historical-data/async', 200, started);
    expectMatchesOpenApi('GET', GET_REQUEST, 200, running);
    const done = await poll(started.requestId);
    expect(done).toEqual({ requestId: started.requestId, status: 'Finished', outputFile: started.outputFile });
    expectMatchesOpenApi('GET', GET_REQUEST, 200, done);
    expect((await fetch(started.outputFile)).status).toBe(200);
  });

  it('ends Failed when the write fails', async () => {
    emu.faults.failWritesNext = 1;
    const started = (await (await emu.post('/api/v1/historical-data/async', { signals: [wind.id], timeWindow: window })).json()) as {
      requestId: number;
    };
    const failed = await poll(started.requestId);
    expect(failed).toEqual({ requestId: started.requestId, status: 'Failed', error: 'Data request failed' });
    expectMatchesOpenApi('GET', GET_REQUEST, 200, failed);
  });

  it('validates like sync: 400 and 404 in the same shapes', async () => {
    const bad = await emu.post('/api/v1/historical-data/async', { signals: [], timeWindow: window });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 'Validation Error', errors: [{ location: 'body' }] });
    const missing = await emu.post('/api/v1/historical-data/async', { signals: [5], timeWindow: window });
    expect(await missing.json()).toEqual({ status: 'Signals not found', details: { signals: [5] } });
  });

  it('GET of a sync request shows its result; unknown IDs 404; non-integers 400', async () => {
    const r = await sync({ signals: [wind.id], timeWindow: window });
    expect(await (await emu.get(`/api/v1/historical-data/${r.body.requestId}`)).json()).toEqual(r.body);
    const unknown = await emu.get('/api/v1/historical-data/5');
    expect(unknown.status).toBe(404);
    const notFound = await unknown.json();
    expect(notFound).toEqual({ status: 'Request not found' });
    expectMatchesOpenApi('GET', GET_REQUEST, 404, notFound);
    const bad = await emu.get('/api/v1/historical-data/abc');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 'Validation Error', details: expect.any(String) });
  });
});
