import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { startEmulator, type Emulator } from '../emulator';
import { createNortechClient, type NortechClient } from './client';
import type { WireDataRequest } from './wire';

/* The client against the emulator, which answers in the brief's shapes (the OpenAPI's are in client.test.ts). */

let emulator: Emulator;
let slow: Emulator;
let client: NortechClient;
beforeAll(async () => {
  [emulator, slow] = await Promise.all([startEmulator({ apiKey: 'k' }), startEmulator({ apiKey: 'k', syncTimeLimitMs: 1 })]);
  client = createNortechClient({ apiUrl: emulator.baseUrl, apiKey: 'k', version: 't', retry: { baseDelayMs: 5, maxDelayMs: 10 } });
});
afterAll(() => Promise.all([emulator.close(), slow.close()]));
beforeEach(() => emulator.resetFaults());

const window = { start: '2025-03-01T00:00:00.000Z', end: '2025-03-01T00:10:00.000Z' };
const body = (over: Partial<WireDataRequest> = {}): WireDataRequest => ({ signals: [10001], timeWindow: window, format: 'csv', ...over });
const kindOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)),
  );

describe('client against the emulator', () => {
  it('lists every page of a workspace', async () => {
    const signals = await client.listWorkspaceSignals(101);
    expect(signals.length).toBeGreaterThan(100);
    expect(new Set(signals.map((s) => s.id)).size).toBe(signals.length);
  });

  it('maps each failure of the data call to its kind', async () => {
    const invalid = (await kindOf(client.requestDataSync(body({ timeWindow: { start: 'yesterday', end: window.end } })))) as AppError;
    expect(invalid.kind).toBe('validation');
    expect(invalid.details?.fields?.length).toBeGreaterThan(0);

    const search = { workspace: 'Nope', asset: 'A', division: 'D', unit: 'U', signal: 'S' };
    const missing = (await kindOf(client.requestDataSync(body({ signals: [search] })))) as AppError;
    expect([missing.kind, missing.details?.signals]).toEqual(['signals-not-found', [search]]);
    expect(missing.message).toContain('Nope/A/D/U/S');

    const empty = (await kindOf(
      client.requestDataSync(body({ timeWindow: { start: '2019-01-01T00:00:00Z', end: '2019-01-02T00:00:00Z' } })),
    )) as AppError;
    expect(empty.kind).toBe('no-data');

    emulator.faults.failWritesNext = 1;
    expect(((await kindOf(client.requestDataSync(body()))) as AppError).kind).toBe('server-failed');

    const slowClient = createNortechClient({ apiUrl: slow.baseUrl, apiKey: 'k', version: 't' });
    const timedOut = (await kindOf(
      slowClient.requestDataSync(body({ timeWindow: { start: '2025-03-01T00:00:00Z', end: '2025-03-08T00:00:00Z' } })),
    )) as AppError;
    expect([timedOut.kind, typeof timedOut.details?.requestId]).toEqual(['server-timeout', 'number']);

    const wrongKey = createNortechClient({ apiUrl: emulator.baseUrl, apiKey: 'wrong', version: 't' });
    expect(((await kindOf(wrongKey.me())) as AppError).kind).toBe('unauthorized');
  });

  it('rides out 503s with Retry-After', async () => {
    emulator.faults.fail503Next = 2;
    emulator.faults.retryAfterSeconds = 1;
    const t0 = Date.now();
    expect((await client.requestDataSync(body())).status).toBe('Finished');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    expect(emulator.faults.fail503Next).toBe(0);
  });
});
