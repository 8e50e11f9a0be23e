import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogSignal } from '../../catalog/catalog-types';
import { FIXED_NOW, demoCatalog, signalNamed, startTestEmulator, type TestEmulator } from '../../testing/fixture';
import { expectMatchesOpenApi, operation, requestBodyProblems } from '../../testing/openapi';
import { readCsvRows } from '../../testing/read-output';
import { valueAt } from '../../values/value-at';

const LIVE = '/api/v1/live-data/points';

/*
 * POST /api/v1/live-data/points against Nortech's OpenAPI (through the fixture): what it takes (a
 * body the document refuses is a 400, one it accepts is not), every answer's schema, and what it
 * answers: the newest sample of the same generator as the files, so that the history endpoint
 * later gives the same value for that instant.
 */

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ coldStorageLag: '1h' });
});
beforeEach(() => {
  emu.resetFaults();
  emu.setNow(FIXED_NOW);
});
afterAll(() => emu.close());

const catalog = demoCatalog();
const all = [...catalog.signalsById.values()];
const wind = signalNamed('Nacelle', 'Wind Speed');
const legacy = signalNamed('Mast Base', 'Air Temperature (legacy sensor)');
const flow = signalNamed('Raw Water Pumps', 'Raw Water Flow');
const workspaceOf = (s: CatalogSignal) => s.unit.division.asset.workspace.id;
const ofType = (type: CatalogSignal['dataType']) => all.find((s) => s.dataType === type && workspaceOf(s) === workspaceOf(wind))!;
const path = (s: CatalogSignal) => ({
  workspace: s.unit.division.asset.workspace.name,
  asset: s.unit.division.asset.name,
  division: s.unit.division.name,
  unit: s.unit.name,
  signal: s.name,
});

async function live(body: unknown, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const res = await emu.post(LIVE, body, init);
  const status = res.status;
  const json: unknown = await res.json();
  // Every answer the OpenAPI documents for this operation matches its schema.
  if (String(status) in operation('POST', LIVE).responses) expectMatchesOpenApi('POST', LIVE, status, json);
  return { status, body: json };
}

/** The newest on-grid instant at or before `t` with a value, found by stepping back sample by sample. */
function newestByScan(s: CatalogSignal, t: number): number {
  let at = s.originMs + Math.floor((t - s.originMs) / s.periodMs) * s.periodMs;
  while (valueAt(s, at) === null) at -= s.periodMs;
  return at;
}

describe('POST /api/v1/live-data/points: answers', () => {
  it('200: the newest point of each signal by ID, keyed by the ID, at or before now', async () => {
    const now = FIXED_NOW + 1_234; // between two samples of a 1 s signal
    emu.setNow(now);
    const signals = [wind, ofType('boolean'), ofType('string')];
    const body = signals.map((s) => s.id);
    expect(requestBodyProblems('POST', LIVE, body)).toBeNull();
    const answer = await live(body);
    expect(answer.status).toBe(200);
    const points = answer.body as Record<string, { timestamp: string; value: unknown }>;
    expect(Object.keys(points).sort()).toEqual(signals.map((s) => String(s.id)).sort());
    for (const s of signals) {
      const t = newestByScan(s, now);
      expect(points[String(s.id)], s.name).toEqual({ timestamp: new Date(t).toISOString(), value: valueAt(s, t) });
    }
  });

  it('a json signal answers its object; search JSONs are keyed by rename, or by ID without one', async () => {
    const json = ofType('json');
    const answer = await live([{ ...path(json), rename: 'state' }, path(wind)]);
    expect(answer.status).toBe(200);
    const points = answer.body as Record<string, { timestamp: string; value: unknown }>;
    expect(Object.keys(points).sort()).toEqual([String(wind.id), 'state'].sort());
    const t = Date.parse(points.state!.timestamp);
    expect(points.state!.value).toEqual(JSON.parse(valueAt(json, t) as string));
  });

  it('inside an outage: the last point before it; a retired sensor: its last point', async () => {
    // The first instant after FIXED_NOW at which the wind speed has no value.
    let inGap = FIXED_NOW;
    while (valueAt(wind, inGap) !== null) inGap += 60_000;
    emu.setNow(inGap);
    const points = (await live([wind.id, legacy.id])).body as Record<string, { timestamp: string }>;
    expect(Date.parse(points[String(wind.id)]!.timestamp)).toBe(newestByScan(wind, inGap));
    expect(Date.parse(points[String(wind.id)]!.timestamp)).toBeLessThan(inGap - wind.periodMs);
    expect(points[String(legacy.id)]!.timestamp).toBe(new Date(newestByScan(legacy, Date.parse('2025-03-15T00:00:00Z'))).toISOString());
  });

  it('a live value is what the history endpoint says later for its instant (live data is hot: no cold-storage lag)', async () => {
    const now = FIXED_NOW + 7_000;
    emu.setNow(now);
    const points = (await live([wind.id, flow.id].slice(0, 1))).body as Record<string, { timestamp: string; value: number }>;
    const point = points[String(wind.id)]!;
    expect(Date.parse(point.timestamp)).toBe(now);
    // An hour later the instant has reached historical storage (lag 1 h), and the file holds the same value.
    emu.setNow(now + 3_600_000);
    const t = Date.parse(point.timestamp);
    const sync = await emu.post('/api/v1/historical-data/sync', {
      signals: [wind.id],
      timeWindow: { start: new Date(t).toISOString(), end: new Date(t + 1000).toISOString() },
      format: 'csv',
    });
    expect(sync.status).toBe(200);
    const { outputFile } = (await sync.json()) as { outputFile: string };
    const rows = readCsvRows(await (await fetch(outputFile)).text(), { [String(wind.id)]: 'float' });
    expect(rows).toEqual([{ timestamp: t, [String(wind.id)]: point.value }]);
  });

  it('404 Signals not found names the missing ones as given; 422 across workspaces; 404 Signal Data not found', async () => {
    const missing = await live([wind.id, 999_999]);
    expect(missing).toEqual({ status: 404, body: { status: 'Signals not found', details: { signals: [999_999] } } });
    const search = { ...path(wind), signal: 'Nope' };
    expect((await live([search])).body).toEqual({ status: 'Signals not found', details: { signals: [search] } });

    expect(await live([wind.id, flow.id])).toEqual({ status: 422, body: { status: 'Signals must belong to the same workspace' } });

    emu.setNow(Date.parse('2024-06-01T00:00:00Z')); // before the demo data begins
    expect(await live([wind.id])).toEqual({ status: 404, body: { status: 'Signal Data not found' } });
  });

  it('400 Validation Error with every problem in `details`', async () => {
    for (const body of ['not json', '{"signals":[1]}', '[]', `[${wind.id}, {"workspace":"a"}]`, '[0]', `[${wind.id}, ${wind.id}]`]) {
      const answer = await live(body);
      expect(answer.status, body).toBe(400);
      expect(answer.body).toEqual({ status: 'Validation Error', details: expect.any(String) });
    }
    const two = (await live('[0, 1.5]')).body as { details: string };
    expect(two.details).toMatch(/signals\[0\].*; signals\[1\]/);
  });
});

describe('POST /api/v1/live-data/points: requests', () => {
  const at = path(wind);
  const id = fc.oneof(fc.constantFrom(wind.id, ofType('boolean').id), fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true }));
  const name = (field: keyof typeof at) => fc.oneof(fc.constant(at[field]), fc.string({ maxLength: 3 }), fc.integer());
  const search = fc.record(
    {
      workspace: name('workspace'),
      asset: name('asset'),
      division: name('division'),
      unit: name('unit'),
      signal: name('signal'),
      rename: fc.oneof(fc.constantFrom('a', 'b'), fc.string({ maxLength: 130 })),
    },
    { requiredKeys: ['workspace', 'asset', 'unit'] },
  );
  const bodies = fc.oneof(
    fc.uniqueArray(fc.constantFrom(wind.id, ofType('boolean').id, ofType('string').id, flow.id, 1), { minLength: 1, maxLength: 3 }),
    fc.array(fc.constant(at), { minLength: 1, maxLength: 2 }),
    fc.array(id, { maxLength: 3 }),
    fc.array(search, { maxLength: 3 }),
    fc.array(fc.oneof(id, search), { maxLength: 3 }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  /**
   * Where the emulator is stricter than the document, as the sync endpoint is: two signals that
   * would get one column name (the answer could not tell them apart), and empty names.
   */
  const stricter = (body: unknown[]): boolean => {
    const columns = body.map((x, i) => {
      if (typeof x !== 'object' || x === null) return String(x);
      const o = x as Record<string, unknown>;
      if (typeof o.rename === 'string') return o.rename;
      const names = ['workspace', 'asset', 'division', 'unit', 'signal'] as const;
      return names.every((k) => o[k] === at[k]) ? String(wind.id) : `#${i}`;
    });
    const empty = body.some((x) => typeof x === 'object' && x !== null && Object.values(x).some((v) => v === ''));
    return empty || new Set(columns).size < columns.length;
  };

  it('a body the OpenAPI refuses is a 400; one it accepts is not (but where the emulator is stricter)', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const problems = requestBodyProblems('POST', LIVE, body);
        const answer = await live(body);
        if (problems !== null) expect(answer.status, problems).toBe(400);
        else if (!(Array.isArray(body) && stricter(body))) expect(answer.status, JSON.stringify(answer.body)).not.toBe(400);
      }),
      { numRuns: 150 },
    );
  });
});

describe('POST /api/v1/live-data/points: the API guard', () => {
  it('401 without the key, 503 while a storm lasts, and answers late by latencyMs', async () => {
    expect((await live([wind.id], { headers: { authorization: 'Bearer wrong' } })).body).toEqual({ status: 'Unauthorized' });

    emu.faults.fail503Next = 2;
    emu.faults.retryAfterSeconds = 0;
    for (let i = 0; i < 2; i++) {
      const res = await emu.post(LIVE, [wind.id]);
      expect([res.status, res.headers.get('retry-after')]).toEqual([503, '0']);
      expect(await res.json()).toEqual({ status: 'Service Unavailable' });
    }
    const before = emu.liveRequests;
    expect((await live([wind.id])).status).toBe(200);
    // The 503s never reached the endpoint.
    expect(emu.liveRequests).toBe(before + 1);

    emu.faults.latencyMs = 150;
    const t0 = performance.now();
    expect((await live([wind.id])).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });
});
