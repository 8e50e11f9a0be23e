import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../bridge/event-hub';
import type { Handlers } from '../bridge/handlers';
import { createDownloads } from './downloads';
import { startBrowserHost, type BrowserHost } from './host';
import { decodeEnvelope, ENVELOPE_WIRE_TYPE } from '../../src-preload/contract/envelope-wire';
import { testSelectedSignal } from '../../src-preload/contract/testing/signals';

const handlers = {
  'app.info': () => ({ name: 'Signal Explorer', version: '9.9.9', mode: 'browser', secretStorage: 'memory', platform: 'test' }),
} as unknown as Handlers;

/** A raw request, so that the test can set Host and Origin as a hostile page or a rebinding DNS would. */
function send(host: BrowserHost, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('browser host', () => {
  let host: BrowserHost;
  let rendererDir: string;
  const events = createEventHub();
  const downloads = createDownloads();

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'se-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
    await writeFile(join(rendererDir, 'app.js'), 'console.log(1)');
    host = await startBrowserHost({ handlers, events, downloads, rendererDir, token: 'secret-token-123' });
  });
  afterAll(async () => {
    await host.close();
    await rm(rendererDir, { recursive: true, force: true });
  });

  const call = (headers: Record<string, string>) =>
    send(host, '/api/call/app.info', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

  it('answers a call with the token', async () => {
    const res = await call({ 'x-signal-explorer-token': 'secret-token-123', origin: host.origin });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: expect.objectContaining({ version: '9.9.9' }) });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 403 without the token, or with another one', async () => {
    expect((await call({})).status).toBe(403);
    expect((await call({ 'x-signal-explorer-token': 'secret-token-124' })).status).toBe(403);
  });

  it('answers 403 to another Origin, even with the token', async () => {
    const res = await call({ 'x-signal-explorer-token': 'secret-token-123', origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/Origin/);
  });

  it('answers 403 to a request for another Host name (DNS rebinding)', async () => {
    const res = await call({ 'x-signal-explorer-token': 'secret-token-123', host: `evil.example:${host.port}` });
    expect(res.status).toBe(403);
  });

  it('serves the page only with the token, then by its cookie, and puts the token in the page', async () => {
    expect((await send(host, '/')).status).toBe(403);
    const page = await send(host, '/?token=secret-token-123');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<meta name="signal-explorer-token" content="secret-token-123">');
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect((await send(host, '/app.js', { headers: { cookie } })).status).toBe(200);
    expect((await send(host, '/app.js')).status).toBe(403);
  });

  it('decides access on the route that runs: a percent-encoded /api/ path needs the token, the cookie is not enough', async () => {
    const page = await send(host, '/?token=secret-token-123');
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    const json = { 'content-type': 'application/json', cookie };
    for (const path of ['/%61pi/call/app.info', '/%61%70%69/call/app.info', '/api/call/app.info', '/api/call/app%2Einfo']) {
      const res = await send(host, path, { method: 'POST', headers: json, body: '{}' });
      expect([path, res.status]).toEqual([path, 403]);
    }
    // A GET from a page on another local port carries our cookie (cookies ignore ports) and no Origin.
    for (const path of ['/%61pi/events', '/%61pi/download/x', '/api/events']) {
      const res = await send(host, path, { headers: { cookie } });
      expect([path, res.status]).toEqual([path, 403]);
    }
    // The same encoded path with the token is served: the route, not the spelling, decides.
    const ok = await send(host, '/%61pi/call/app.info', {
      method: 'POST',
      headers: { ...json, 'x-signal-explorer-token': 'secret-token-123' },
      body: '{}',
    });
    expect(ok.status).toBe(200);
  });

  it('serves the page on the cookie alone only to the app itself, not to another site of this machine', async () => {
    const page = await send(host, '/?token=secret-token-123');
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect((await send(host, '/app.js', { headers: { cookie, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    for (const site of ['same-site', 'cross-site']) {
      expect((await send(host, '/', { headers: { cookie, 'sec-fetch-site': site } })).status).toBe(403);
      expect((await send(host, '/app.js', { headers: { cookie, 'sec-fetch-site': site } })).status).toBe(403);
    }
  });

  it('takes the token only as one string: a repeated ?token= is no token', async () => {
    const res = await send(host, '/api/call/app.info?token=secret-token-123&token=x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('streams events to a subscriber with the token', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events?token=secret-token-123' }, (res) => {
        expect(res.statusCode).toBe(200);
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
          const at = text.indexOf('event: exports.progress');
          if (at >= 0 && text.indexOf('\n\n', at) > 0) {
            req.destroy();
            resolve(text);
          }
        });
        setTimeout(() => events.emit('exports.progress', progress), 50);
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: exports.progress');
    expect(received).toContain('"jobId":"job-1"');
  });

  it('offers a file as a download only with the token', async () => {
    const file = join(rendererDir, 'export.csv');
    await writeFile(file, 'timestamp,a\n');
    const path = downloads.offer(file, 'Pump 1 export.csv');
    expect((await send(host, path)).status).toBe(403);
    const res = await send(host, `${path}?token=secret-token-123`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('timestamp,a\n');
    expect(res.headers['content-disposition']).toBe("attachment; filename*=UTF-8''Pump%201%20export.csv");
  });
});

const signal = testSelectedSignal({ id: 1, rename: 'flow' });
const progress = {
  jobId: 'job-1',
  stage: 'running' as const,
  startedAt: 1,
  updatedAt: 2,
  progress: { phase: 'planning' as const, fraction: 0, chunksDone: 0, chunksTotal: 1, rows: 0, bytes: 0, etaMs: null, retrying: [] },
  request: {
    connectionId: 'demo',
    signals: [signal],
    timeWindow: { start: '2025-01-01T00:00:00Z', end: '2025-01-02T00:00:00Z' },
    format: 'csv' as const,
    values: { kind: 'raw' as const },
  },
};

describe('browser host, answers as bytes', () => {
  // Each answer is 8 MB of one value (its `points`): more than a socket takes at once, so a buffer
  // given back before its answer was sent would show another's values. Slow answers overlap fast ones.
  const series = (async ({ points }: { points: number }) => {
    await new Promise((r) => setTimeout(r, (points * 7) % 13));
    return { series: [{ v: new Float64Array(1_000_000 + points).fill(points) }] };
  }) as unknown as Handlers['preview.series'];
  let host: BrowserHost;
  beforeAll(async () => {
    host = await startBrowserHost({
      handlers: { ...handlers, 'preview.series': series },
      events: createEventHub(),
      downloads: createDownloads(),
      rendererDir: tmpdir(),
      token: 'secret-token-123',
    });
  });
  afterAll(() => host.close());

  const ask = async (points: number) => {
    const res = await fetch(`${host.origin}/api/call/preview.series`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: ENVELOPE_WIRE_TYPE,
        'x-signal-explorer-token': 'secret-token-123',
        origin: host.origin,
      },
      body: JSON.stringify({ input: { jobId: 'job-0123456789abcdef', points } }),
    });
    expect(res.headers.get('content-type')).toContain(ENVELOPE_WIRE_TYPE);
    return decodeEnvelope(await res.arrayBuffer()) as { ok: boolean; value: { series: { v: Float64Array }[] } };
  };

  // 2 x 24 answers of 8 MB: 6 s alone, 30 s once in a full `npm test` on a busy machine.
  it('answers in flight at once never share the bytes of a reused buffer', { timeout: 120_000 }, async () => {
    for (let round = 0; round < 2; round++) {
      const all = Array.from({ length: 24 }, (_, i) => 10 + i + round * 24);
      const answers = await Promise.all(all.map(ask));
      answers.forEach((a, i) => {
        const v = a.value.series[0]!.v;
        expect([a.ok, v.length, v.every((x) => x === all[i])]).toEqual([true, 1_000_000 + all[i]!, true]);
      });
    }
  });
});
