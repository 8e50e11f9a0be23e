import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../testing/fixture';
import { expectMatchesOpenApi } from '../testing/openapi';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ apiKey: 'secret-key' });
});
beforeEach(() => emu.resetFaults());
afterAll(() => emu.close());

describe('auth', () => {
  it.each(['/api/me', '/api/v1/workspaces', '/api/v1/signals/10001', '/api/v1/historical-data/1000'])(
    '%s answers 401 without a key, with a wrong key, or with another scheme',
    async (path) => {
      for (const authorization of [undefined, 'Bearer wrong', 'Basic c2VjcmV0LWtleQ==', 'secret-key', 'Bearer ']) {
        const res = await fetch(emu.baseUrl + path, { headers: authorization ? { authorization } : {} });
        expect(res.status, String(authorization)).toBe(401);
        const body = await res.json();
        expect(body).toEqual({ status: 'Unauthorized' });
        expectMatchesOpenApi('GET', '/api/me', 401, body);
      }
    },
  );

  it('POST data requests need the key too', async () => {
    const res = await fetch(`${emu.baseUrl}/api/v1/historical-data/sync`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('/api/health is open; /api/me answers the demo user and customer', async () => {
    expect((await fetch(`${emu.baseUrl}/api/health`)).status).toBe(200);
    const res = await emu.get('/api/me');
    expect(res.status).toBe(200);
    const me = await res.json();
    expect(me).toMatchObject({ username: expect.any(String), customerId: 10, customerName: expect.any(String), roles: expect.any(Array) });
    expectMatchesOpenApi('GET', '/api/me', 200, me);
  });

  it('accepts the scheme in any case', async () => {
    const res = await fetch(`${emu.baseUrl}/api/me`, { headers: { authorization: 'bearer secret-key' } });
    expect(res.status).toBe(200);
  });

  it('answers unknown API paths 404 in JSON', async () => {
    const res = await emu.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ status: 'Not Found' });
  });
});

describe('fault knobs', () => {
  it('fail503Next: the next N API calls answer 503 with Retry-After, then normal service', async () => {
    emu.faults.fail503Next = 2;
    emu.faults.retryAfterSeconds = 0;
    for (let i = 0; i < 2; i++) {
      const res = await emu.get('/api/v1/workspaces');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('0');
    }
    expect(emu.faults.fail503Next).toBe(0);
    expect((await emu.get('/api/v1/workspaces')).status).toBe(200);
  });

  it('latencyMs delays every API answer', async () => {
    emu.faults.latencyMs = 150;
    const t0 = performance.now();
    await emu.get('/api/health');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('resetFaults turns everything off', async () => {
    const defaults = { ...emu.faults };
    Object.assign(emu.faults, {
      latencyMs: 500,
      fail503Next: 5,
      retryAfterSeconds: 9,
      failWritesNext: 3,
      asyncHoldMs: 100,
      cutDownloadAfterBytes: 10,
      cutDownloadsNext: 2,
      slowBodyBytesPerSec: 10,
      expireUrlsNext: 4,
    });
    emu.resetFaults();
    expect(emu.faults).toEqual(defaults);
    expect(defaults).toMatchObject({
      latencyMs: 0,
      fail503Next: 0,
      failWritesNext: 0,
      cutDownloadAfterBytes: null,
      cutDownloadsNext: 0,
      expireUrlsNext: 0,
    });
    expect((await emu.get('/api/health')).status).toBe(200);
  });
});

describe('startEmulator', () => {
  it('gives a base URL without trailing slash, defaults the key to demo, and closes idempotently', async () => {
    const other = await startTestEmulator();
    expect(other.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(other.apiKey).toBe('demo');
    await Promise.all([other.close(), other.close()]);
    await expect(fetch(`${other.baseUrl}/api/health`)).rejects.toThrow();
  });
});
