import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { FIXED_NOW, demoCatalog, signalNamed, startTestEmulator, type TestEmulator } from '../emulator/testing/fixture';
import { valueAt } from '../emulator/values/value-at';
import { createNortechClient, type NortechClient } from './client';
import { toLatestPoints } from './to-domain';

/* The client's live call against the emulator: its points as the domain reads them, and each failure as its kind. */

let emu: TestEmulator;
let client: NortechClient;
beforeAll(async () => {
  emu = await startTestEmulator({ apiKey: 'k' });
  client = createNortechClient({ apiUrl: emu.baseUrl, apiKey: 'k', version: 't', liveTimeoutMs: 300 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.resetFaults();
  emu.setNow(FIXED_NOW);
});

const wind = signalNamed('Nacelle', 'Wind Speed');
const flow = signalNamed('Raw Water Pumps', 'Raw Water Flow');
const sameWorkspace = (type: string) =>
  [...demoCatalog().signalsById.values()].find(
    (s) => s.dataType === type && s.unit.division.asset.workspace.id === wind.unit.division.asset.workspace.id,
  )!;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)),
  );

describe('latestPoints', () => {
  it('reads the newest point of each signal: floats, states and json text as the files have them', async () => {
    emu.setNow(FIXED_NOW + 2_500);
    const signals = [wind, sameWorkspace('boolean'), sameWorkspace('string'), sameWorkspace('json')];
    const points = toLatestPoints(await client.latestPoints(signals.map((s) => s.id)), signals);
    expect(points.map((p) => p.signalId)).toEqual(signals.map((s) => s.id));
    for (const [i, p] of points.entries()) {
      expect(p.t).toBeLessThanOrEqual(FIXED_NOW + 2_500);
      expect(p.value, signals[i]!.name).toStrictEqual(valueAt(signals[i]!, p.t));
    }
    expect(points[0]!.t).toBe(FIXED_NOW + 2_000);
  });

  it('follows the clock: a later call answers a later point', async () => {
    const [first] = toLatestPoints(await client.latestPoints([wind.id]), [wind]);
    emu.setNow(FIXED_NOW + 5_000);
    const [later] = toLatestPoints(await client.latestPoints([wind.id]), [wind]);
    expect(later!.t - first!.t).toBe(5_000);
  });

  it("tries once: a 503 is the caller's to retry, with the Retry-After it asked for", async () => {
    emu.faults.fail503Next = 2;
    emu.faults.retryAfterSeconds = 3;
    const storm = await failure(client.latestPoints([wind.id]));
    expect([storm.kind, storm.details?.status, storm.details?.retryable, storm.details?.retryAfterMs]).toEqual([
      'server-failed',
      503,
      true,
      3_000,
    ]);
    // One 503 is left: the call above did not use it up by retrying.
    expect(emu.faults.fail503Next).toBe(1);
  });

  it('maps every other failure to its kind', async () => {
    expect((await failure(client.latestPoints([wind.id, 999_999]))).kind).toBe('signals-not-found');
    const mixed = await failure(client.latestPoints([wind.id, flow.id]));
    expect([mixed.kind, mixed.details?.status, mixed.message]).toEqual([
      'validation',
      422,
      'Nortech refused the request: Signals must belong to the same workspace.',
    ]);
    emu.setNow(Date.parse('2024-01-01T00:00:00Z'));
    expect((await failure(client.latestPoints([wind.id]))).kind).toBe('no-data');
    const wrongKey = createNortechClient({ apiUrl: emu.baseUrl, apiKey: 'wrong', version: 't' });
    expect((await failure(wrongKey.latestPoints([wind.id]))).kind).toBe('unauthorized');
    emu.faults.latencyMs = 600;
    const slow = await failure(client.latestPoints([wind.id]));
    expect([slow.kind, slow.details?.retryable]).toEqual(['network', true]);
  });
});
