import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { createNortechClient, type NortechClientOptions } from './client';
import { startScriptedServer, type ScriptedServer } from './testing/scripted-server';
import type { WireDataRequest } from './wire';

const KEY = 'secret-key-4711-do-not-leak';
const body: WireDataRequest = {
  signals: [1, 2],
  timeWindow: { start: '2024-01-01T00:00:00.000Z', end: '2024-01-02T00:00:00.000Z' },
  format: 'parquet',
};
const signalJson = (id: number) => ({
  id,
  name: `S${id}`,
  physicalUnit: 'bar',
  dataType: 'float',
  description: null,
  longDescription: null,
  workspace: { id: 1, name: 'W' },
  asset: { id: 2, name: 'A' },
  division: { id: 3, name: 'D' },
  unit: { id: 4, name: 'U' },
});

let server: ScriptedServer;
beforeAll(async () => void (server = await startScriptedServer({ status: 200, json: {} })));
afterAll(() => server.close());

const client = (over: Partial<NortechClientOptions> = {}) =>
  createNortechClient({ apiUrl: server.url, apiKey: KEY, version: '9.9.9', retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...over });

async function failure(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(JSON.stringify({ m: appError.message, d: appError.details })).not.toContain(KEY);
  return appError;
}

describe('nortech client', () => {
  it('sends the key, our User-Agent and nothing odd; parses /api/me', async () => {
    server.script({ status: 200, json: { username: 'ana', customerId: 7, customerName: 'Plant', roles: ['user'] } });
    const me = await client().me();
    expect(me.username).toBe('ana');
    const seen = server.requests[0]!;
    expect(seen.url).toBe('/api/me');
    expect(seen.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen.headers['user-agent']).toBe('signal-explorer/9.9.9');
  });

  it('follows next.token to the last page', async () => {
    const page = (ids: number[], token?: string) => ({
      status: 200,
      json: { size: ids.length, data: ids.map(signalJson), ...(token ? { next: { token, href: 'https://elsewhere/x' } } : {}) },
    });
    server.script(page([1, 2], 't1'), page([3], 't2'), page([4]));
    const signals = await client().listWorkspaceSignals(5);
    expect(signals.map((s) => s.id)).toEqual([1, 2, 3, 4]);
    expect(server.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('nextToken'))).toEqual([null, 't1', 't2']);
  });

  it('encodes names in paths', async () => {
    server.script({ status: 200, json: { size: 0, data: [] } });
    await client().listSignals('W 1', 'A/B', 'D', 'U');
    expect(server.requests[0]!.url.split('?')[0]).toBe('/api/v1/workspaces/W%201/assets/A%2FB/divisions/D/units/U/signals');
  });

  it('maps the brief 400 and the OpenAPI 400 to validation with fields', async () => {
    server.script({ status: 400, json: { status: 'Validation Error', errors: [{ error: 'start must be a date', location: 'body' }] } });
    const brief = await failure(client().requestDataSync(body));
    expect(brief.kind).toBe('validation');
    expect(brief.details?.fields).toEqual([{ path: 'body', message: 'start must be a date' }]);
    expect(server.requests).toHaveLength(1);

    server.script({ status: 400, json: { status: 'Validation Error', details: 'timeWindow.start: Invalid date' } });
    const openapi = await failure(client().requestDataSync(body));
    expect(openapi.kind).toBe('validation');
    expect(openapi.details?.fields?.[0]?.message).toBe('timeWindow.start: Invalid date');
  });

  it('401 is unauthorized after exactly one call', async () => {
    server.script({ status: 401, json: { status: 'Unauthorized' } });
    const e = await failure(client().requestDataSync(body));
    expect(e.kind).toBe('unauthorized');
    expect(e.details?.hint).toMatch(/key/);
    expect(server.requests).toHaveLength(1);
  });

  it('404s: which signals are missing, no data, an unknown entity', async () => {
    server.script({ status: 404, json: { status: 'Signals not found', details: { signals: [2] } } });
    const missing = await failure(client().requestDataSync(body));
    expect(missing.kind).toBe('signals-not-found');
    expect(missing.details?.signals).toEqual([2]);

    server.script({ status: 404, json: { status: 'Signal Data not found' } });
    expect((await failure(client().requestDataSync(body))).kind).toBe('no-data');

    server.script({ status: 404, json: { status: 'Signal not found' } });
    expect((await failure(client().getSignal(9))).kind).toBe('not-found');
  });

  it('the brief 500 Failed and the OpenAPI 503 Failed: never retried', async () => {
    server.script({ status: 500, json: { requestId: 1000, status: 'Failed', error: 'Data request failed' } });
    const failed = await failure(client().requestDataSync(body));
    expect([failed.kind, failed.details?.requestId, server.requests.length]).toEqual(['server-failed', 1000, 1]);

    server.script({ status: 500, json: { requestId: 1001, status: 'Failed', error: 'Request timed out' } });
    expect((await failure(client().requestDataSync(body))).kind).toBe('server-timeout');

    server.script({ status: 503, json: { status: 'Failed', details: { requestId: 1002, error: 'Request timed out' } } });
    const nested = await failure(client().requestDataSync(body));
    expect([nested.kind, nested.details?.requestId, server.requests.length]).toEqual(['server-timeout', 1002, 1]);

    server.script({ status: 503, json: { status: 'Failed', details: { requestId: 1003, error: 'Data request failed' } } });
    expect((await failure(client().requestDataSync(body))).kind).toBe('server-failed');
    expect(server.requests).toHaveLength(1);
  });

  it('503, 503, 200 makes exactly three calls', async () => {
    const ok = { status: 200, json: { requestId: 5, status: 'Finished', outputFile: 'http://files/x.parquet' } };
    server.script({ status: 503, text: 'busy' }, { status: 503, text: 'busy' }, ok);
    const answer = await client().requestDataSync(body);
    expect(answer.requestId).toBe(5);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after five tries of 502/504, marked retryable', async () => {
    server.script({ status: 502, text: 'bad gateway' }, { status: 504, text: 'timeout' });
    const e = await failure(client().me());
    expect([e.kind, e.details?.retryable, server.requests.length]).toEqual(['server-failed', true, 5]);
  });

  it('honours Retry-After, and does not wait for one beyond the limit', async () => {
    server.script(
      { status: 503, text: '', headers: { 'retry-after': '1' } },
      { status: 200, json: { username: 'a', customerId: 1, customerName: 'c', roles: [] } },
    );
    const t0 = Date.now();
    await client().me();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);

    server.script({ status: 503, text: '', headers: { 'retry-after': '3600' } });
    const e = await failure(client().me());
    expect([e.kind, server.requests.length]).toEqual(['server-failed', 1]);
  });

  it('retries a connection cut mid-answer, then succeeds', async () => {
    server.script((res) => res.socket?.destroy(), { status: 200, json: { username: 'a', customerId: 1, customerName: 'c', roles: [] } });
    expect((await client().me()).username).toBe('a');
    expect(server.requests).toHaveLength(2);
  });

  it('a refused connection is a network error after five tries', async () => {
    const closed = await startScriptedServer();
    const url = closed.url;
    await closed.close();
    const e = await failure(createNortechClient({ apiUrl: url, apiKey: KEY, version: '1', retry: { baseDelayMs: 1, maxDelayMs: 2 } }).me());
    expect(e.kind).toBe('network');
    expect(e.details?.retryable).toBe(true);
  });

  it('a sync call that outlives its deadline is a server timeout; a metadata one a network error', async () => {
    server.script(() => {
      /* never answers */
    });
    const sync = await failure(client({ syncTimeoutMs: 150 }).requestDataSync(body));
    expect(sync.kind).toBe('server-timeout');
    expect(server.requests).toHaveLength(1);
    const meta = await failure(client({ callTimeoutMs: 150 }).listWorkspaces());
    expect(meta.kind).toBe('network');
  });

  it('cancels a call in flight and a backoff wait', async () => {
    server.script(() => {
      /* never answers */
    });
    const ctl = new AbortController();
    const pending = client().requestDataSync(body, ctl.signal);
    setTimeout(() => ctl.abort(), 50);
    expect((await failure(pending)).kind).toBe('cancelled');

    server.script({ status: 503, text: '', headers: { 'retry-after': '30' } });
    const ctl2 = new AbortController();
    const waiting = client().me(ctl2.signal);
    setTimeout(() => ctl2.abort(), 100);
    expect((await failure(waiting)).kind).toBe('cancelled');
    expect(server.requests).toHaveLength(1);
  });

  it('an answer that does not fit the schema is a typed error', async () => {
    server.script({ status: 200, text: '<html>proxy login</html>' });
    expect((await failure(client().me())).kind).toBe('server-failed');
    server.script({ status: 200, json: { size: 1, data: [{ id: 'x' }] } });
    expect((await failure(client().listWorkspaces())).kind).toBe('server-failed');
  });

  it('an answer over 64 MB is said once, as an answer we will not read: never retried as a network failure', async () => {
    const big = 64 * 1024 * 1024 + 1;
    for (const announced of [true, false]) {
      server.script((res) => {
        res.writeHead(200, { 'content-type': 'application/json', ...(announced ? { 'content-length': String(big) } : {}) });
        // Without a length: write until the client gives up (or the test server is closed).
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        res.on('error', () => undefined);
        pump();
      });
      const e = await failure(client().listWorkspaces());
      expect([announced, e.kind, e.details?.retryable]).toEqual([announced, 'server-failed', false]);
      expect(e.message).toMatch(/larger than 64 MB/);
      expect(e.details?.hint).not.toMatch(/network/i);
      expect(server.requests).toHaveLength(1);
    }
  });

  it('refuses an API URL with credentials or another scheme', () => {
    for (const apiUrl of [`${server.url}/?key=${KEY}`, `${server.url}/#${KEY}`]) {
      expect(() => client({ apiUrl })).toThrow(/no user name, password, query or fragment/);
    }
    expect(() => createNortechClient({ apiUrl: 'https://u:p@host', apiKey: KEY, version: '1' })).toThrow(AppError);
    expect(() => createNortechClient({ apiUrl: 'ftp://host', apiKey: KEY, version: '1' })).toThrow(AppError);
  });

  it('the async way polls until Finished', async () => {
    server.script(
      { status: 200, json: { requestId: 8, status: 'Running', outputFile: 'http://f/x' } },
      { status: 200, json: { requestId: 8, status: 'Running', outputFile: 'http://f/x' } },
      { status: 200, json: { requestId: 8, status: 'Finished', outputFile: 'http://f/x' } },
    );
    const done = await client().requestDataPolling(body, undefined, 10);
    expect(done.status).toBe('Finished');
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/historical-data/async',
      '/api/v1/historical-data/8',
      '/api/v1/historical-data/8',
    ]);
  });
});
