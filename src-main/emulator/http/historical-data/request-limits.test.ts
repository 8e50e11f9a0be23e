import { readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, demoCatalog, signalNamed, startTestEmulator, type TestEmulator } from '../../testing/fixture';
import { expectMatchesOpenApi } from '../../testing/openapi';

/*
 * The two limits of historical storage a chunked export meets: a server that times out on big
 * requests (maxRowsPerRequest, deterministic and instant) and data that is not in historical
 * storage yet (coldStorageLag).
 */

const cms = [...demoCatalog().signalsById.values()].filter((s) => s.unit.name === 'CMS WTG-A01').slice(0, 10); // 1 s, no gaps
const flow = signalNamed('Raw Water Pumps', 'Raw Water Flow'); // 10 s, no gaps
const HOUR = 3_600_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function poll(emu: TestEmulator, requestId: number): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const body = (await (await emu.get(`/api/v1/historical-data/${requestId}`)).json()) as Record<string, unknown>;
    if (body.status !== 'Running') return body;
    await sleep(10);
  }
  throw new Error('still running');
}

describe('maxRowsPerRequest', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ maxRowsPerRequest: 3600 });
  });
  afterAll(() => emu.close());
  const start = Date.parse('2025-03-01T00:00:00Z');

  it('serves a file of exactly the limit, and answers "Request timed out" (500 Failed) one row past it', async () => {
    const at = await emu.post('/api/v1/historical-data/sync', {
      signals: [cms[0]!.id],
      timeWindow: { start: iso(start), end: iso(start + HOUR) },
    });
    expect(at.status).toBe(200);
    const past = await emu.post('/api/v1/historical-data/sync', {
      signals: [cms[0]!.id],
      timeWindow: { start: iso(start), end: iso(start + HOUR + 1) },
    });
    expect(past.status).toBe(500);
    expect(await past.json()).toEqual({ requestId: expect.any(Number), status: 'Failed', error: 'Request timed out' });
    expect(readdirSync(emu.filesDir)).toHaveLength(1); // the first request's file only
  });

  it('counts rows of the wide table, whatever the signals: 10 signals over an hour pass, as 6 h of a 10 s signal do', async () => {
    const ten = await emu.post('/api/v1/historical-data/sync', {
      signals: cms.map((s) => s.id),
      timeWindow: { start: iso(start), end: iso(start + HOUR) },
      format: 'csv',
    });
    expect(ten.status).toBe(200);
    const text = await (await fetch(((await ten.json()) as { outputFile: string }).outputFile)).text();
    expect(text.trimEnd().split('\n')).toHaveLength(3601); // header + 3,600 rows of 11 columns
    const slow = await emu.post('/api/v1/historical-data/sync', {
      signals: [flow.id],
      timeWindow: { start: iso(start), end: iso(start + 6 * HOUR) },
    });
    expect(slow.status).toBe(200); // 2,160 rows
  });

  it('refuses a year of 10 one-second signals (31.5 M rows) at once', async () => {
    const t0 = performance.now();
    const res = await emu.post('/api/v1/historical-data/sync', {
      signals: cms.map((s) => s.id),
      timeWindow: { start: '2025-01-01T00:00:00Z', end: '2025-06-30T00:00:00Z' },
    });
    const ms = performance.now() - t0;
    expect(res.status).toBe(500);
    expect((await res.json()) as object).toMatchObject({ error: 'Request timed out' });
    expect(ms).toBeLessThan(1000); // measured: a few ms, most of it HTTP
    expect(emu.dataRequests.at(-1)).toMatchObject({ rows: 180 * 86_400, outcome: 'Request timed out' });
  });

  it('async: Running, then Failed "Request timed out" without producing anything', async () => {
    const started = (await (
      await emu.post('/api/v1/historical-data/async', { signals: [cms[0]!.id], timeWindow: { start: iso(start), end: iso(start + DAY) } })
    ).json()) as { requestId: number; status: string };
    expect(started.status).toBe('Running');
    const done = await poll(emu, started.requestId);
    expect(done).toEqual({ requestId: started.requestId, status: 'Failed', error: 'Request timed out' });
    expectMatchesOpenApi('GET', '/api/v1/historical-data/{requestId}', 200, done);
  });

  it('is checked before failWritesNext, which it does not consume', async () => {
    emu.faults.failWritesNext = 1;
    const big = await emu.post('/api/v1/historical-data/sync', {
      signals: [cms[0]!.id],
      timeWindow: { start: iso(start), end: iso(start + DAY) },
    });
    expect(((await big.json()) as { error: string }).error).toBe('Request timed out');
    const small = await emu.post('/api/v1/historical-data/sync', {
      signals: [cms[0]!.id],
      timeWindow: { start: iso(start), end: iso(start + 60_000) },
    });
    expect(((await small.json()) as { error: string }).error).toBe('Data request failed');
    expect(emu.faults.failWritesNext).toBe(0);
  });

  it('must be a whole number', async () => {
    await expect(startTestEmulator({ maxRowsPerRequest: 1.5 })).rejects.toThrow(/maxRowsPerRequest/);
  });
});

describe('coldStorageLag', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ coldStorageLag: '1d' });
  });
  afterAll(() => emu.close());
  const limit = FIXED_NOW - DAY; // the newest instant in historical storage

  async function csvTimes(timeWindow: { start: string; end?: string }): Promise<{ status: number; times: string[] }> {
    const res = await emu.post('/api/v1/historical-data/sync', { signals: [flow.id], timeWindow, format: 'csv' });
    const body = (await res.json()) as { outputFile?: string };
    if (!body.outputFile) return { status: res.status, times: [] };
    const text = await (await fetch(body.outputFile)).text();
    return {
      status: res.status,
      times: text
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]!),
    };
  }

  it('a window reaching into hot storage gets data up to now - lag, that instant included', async () => {
    const r = await csvTimes({ start: iso(limit - 60_000), end: iso(FIXED_NOW) });
    expect(r.status).toBe(200);
    expect(r.times).toHaveLength(7); // every 10 s from limit - 60 s to limit
    expect(r.times.at(-1)).toBe(iso(limit));
    const noEnd = await csvTimes({ start: iso(limit - 60_000) });
    expect(noEnd.times).toEqual(r.times);
  });

  it('a window wholly in hot storage: 404 "Signal Data not found"', async () => {
    const res = await emu.post('/api/v1/historical-data/sync', {
      signals: [flow.id],
      timeWindow: { start: iso(limit + 1), end: iso(FIXED_NOW) },
    });
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body).toEqual({ status: 'Signal Data not found' });
    expectMatchesOpenApi('POST', '/api/v1/historical-data/sync', 404, body);
  });

  it('moves with the clock', async () => {
    emu.setNow(FIXED_NOW + HOUR);
    try {
      const r = await csvTimes({ start: iso(limit), end: iso(FIXED_NOW) });
      expect(r.times.at(-1)).toBe(iso(limit + HOUR));
    } finally {
      emu.setNow(FIXED_NOW);
    }
  });

  it('is off by default: data until now', async () => {
    const plain = await startTestEmulator();
    try {
      const res = await plain.post('/api/v1/historical-data/sync', {
        signals: [flow.id],
        timeWindow: { start: iso(FIXED_NOW - 60_000) },
        format: 'csv',
      });
      const text = await (await fetch(((await res.json()) as { outputFile: string }).outputFile)).text();
      expect(text.trimEnd().split('\n').at(-1)!.split(',')[0]).toBe(iso(FIXED_NOW));
    } finally {
      await plain.close();
    }
  });

  it('refuses a lag that is not a duration', async () => {
    await expect(startTestEmulator({ coldStorageLag: 'a day' })).rejects.toThrow(/not a duration/);
  });
});
