import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames, calls, type CallName } from '../../src-preload/contract';
import { memorySecretStore } from '../app/memory-secret-store';
import { startServices, type Services } from '../app/start-services';
import { createDownloads } from './downloads';
import { tokenCookie } from './guard';
import { startBrowserHost, type BrowserHost } from './host';
import type { RawAnswer } from './testing/raw-http';
import { testSelectedSignal } from '../../src-preload/contract/testing/signals';

/*
 * The browser host under hostile input, with the real services behind it: every contract call with
 * input its schema refuses, API paths spelled every way a router might decode or normalise, foreign
 * Origin and Host, oversized and malformed bodies. Whatever arrives: no 500, no handler runs, no
 * file of the data folder changes, no path of this machine in an answer, no call, event stream or
 * download served without the token. A fixed seed and small run counts keep it to a few seconds.
 */

const SEED = 4711;
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

let dir: string;
let services: Services;
let host: BrowserHost;
let cookie: string;
let download: string;
let before: string;

/** One request, ended after `ms` if the host keeps it open (an event stream served by mistake). */
function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}, ms = 2_000) {
  return new Promise<RawAnswer>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: opts.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.setTimeout(ms, () => req.destroy(new Error(`no answer within ${ms} ms: ${opts.method ?? 'GET'} ${path}`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/**
 * Every file of the data folder with its hash: what must not change. A store's lock file
 * (storage/file-lock.ts) is not data: it exists only while a read-modify-write runs (one of the
 * start-up's may still hold it when the first snapshot is taken).
 */
async function snapshot(folder: string): Promise<string> {
  const names = (await readdir(folder, { recursive: true, withFileTypes: true })).filter(
    (e) => e.isFile() && !/\.lock(\.[0-9a-f]+\.tmp)?$/.test(e.name),
  );
  const lines = await Promise.all(
    names.map(async (e) => {
      const path = join(e.parentPath, e.name);
      return `${path.slice(folder.length)} ${createHash('sha256')
        .update(await readFile(path))
        .digest('hex')}`;
    }),
  );
  return lines.sort().join('\n');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'se-fuzz-'));
  await writeFile(join(dir, 'index.html'), '<html><head></head><body></body></html>');
  await writeFile(join(dir, 'app.js'), 'console.log(1)');
  const dataDir = join(dir, 'data');
  const downloads = createDownloads();
  services = await startServices({
    mode: 'browser',
    version: 'fuzz',
    platform: 'linux',
    dataDir,
    cacheDir: join(dataDir, 'cache'),
    secrets: memorySecretStore(),
    saveTarget: { kind: 'download', offer: downloads.offer },
    // Nothing answers there: no call with refused input may get that far.
    demo: { baseUrl: 'http://127.0.0.1:9', apiKey: 'fuzz' },
  });
  host = await startBrowserHost({ handlers: services.handlers, events: services.events, downloads, rendererDir: dir });
  cookie = `${tokenCookie(host.port)}=${host.token}`;
  await writeFile(join(dataDir, 'history.json'), '[]');
  await writeFile(join(dir, 'offered.csv'), 'timestamp,a\n');
  download = downloads.offer(join(dir, 'offered.csv'), 'offered.csv');
  before = await snapshot(dataDir);
});
afterAll(async () => {
  await host.close();
  await services.close();
  agent.destroy();
  await rm(dir, { recursive: true, force: true });
});

/** What no answer may ever carry or be. */
function expectHarmless(res: RawAnswer, what: string): void {
  expect(res.status, what).not.toBeGreaterThanOrEqual(500);
  expect(res.body, what).not.toContain(dir);
  expect(res.body, what).not.toContain(host.token);
}

// Valid inputs, to be spoiled one field at a time (the generic arbitraries cover the calls not listed).
const signal = testSelectedSignal({ rename: 'flow' });
const request0 = {
  connectionId: 'demo',
  signals: [signal],
  timeWindow: { start: '2025-01-01T00:00:00Z', end: '2025-01-02T00:00:00Z' },
  format: 'csv',
};
const VALID: Partial<Record<CallName, unknown>> = {
  'app.diagnostics': { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0' },
  'connections.save': { name: 'Plant', apiUrl: 'https://api.apps.nor.tech', apiKey: 'sk-live-0123456789' },
  'connections.remove': { id: 'x' },
  'connections.test': { name: 'Plant', apiUrl: 'https://api.apps.nor.tech', apiKey: 'sk-live-0123456789' },
  'catalog.children': { connectionId: 'demo', path: ['W', 'A'] },
  'catalog.search': { connectionId: 'demo', workspaceId: 1, query: 'pump', limit: 10 },
  'catalog.signal': { connectionId: 'demo', id: 1 },
  'exports.start': request0,
  'exports.status': { jobId: 'j' },
  'exports.cancel': { jobId: 'j' },
  'exports.save': { jobId: 'j', format: 'csv', timeZone: 'UTC' },
  'exports.showInFolder': { path: '/x' },
  'preview.series': { jobId: 'j', points: 100 },
  'preview.stats': { jobId: 'j' },
  'preview.rows': { jobId: 'j', offset: 0, limit: 10 },
  'preview.conditions': { jobId: 'j' },
  'history.open': { id: 'x' },
  'history.remove': { id: 'x' },
  'selections.save': {
    name: 'S',
    connectionId: 'demo',
    signals: [signal],
    window: { start: 'now-1h', end: 'now', timeZone: 'UTC' },
    format: 'csv',
  },
  'selections.rename': { id: 'x', name: 'S' },
  'selections.remove': { id: 'x' },
};

const hostile = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', 'a\nb', '\uD800', 'x\uDFFFy', '\u202E', '../../etc/passwd', '%2e%2e%2f', 'Mars/Base', '__proto__'),
  fc.constantFrom(-1, 0, 1.5, 2 ** 53, -(2 ** 60), 1e308, null, true, [], {}),
  fc.string({ minLength: 300, maxLength: 300 }).map((s) => s.repeat(400)),
  fc.array(fc.constant(signal), { minLength: 501, maxLength: 501 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A copy of `value` with one leaf (or branch) somewhere replaced by `bad`. */
function spoil(value: unknown, path: number[], bad: unknown): unknown {
  if (value === null || typeof value !== 'object' || path.length === 0) return bad;
  const keys = Object.keys(value);
  if (keys.length === 0) return bad;
  const key = keys[path[0]! % keys.length]!;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...value };
  copy[key] = spoil((value as Record<string, unknown>)[key], path.slice(1), bad);
  return copy;
}

const inputFor = (name: CallName) =>
  fc
    .oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), hostile).map(([path, bad]) => spoil(VALID[name] ?? {}, path, bad)),
    )
    .filter((input) => !calls[name].input.safeParse(input).success);

describe('browser host fuzz (fixed seed)', () => {
  it('every contract call refuses input its schema refuses: a validation answer, nothing run, nothing stored', async () => {
    const answered = new Set<string>();
    for (const name of callNames) {
      await fc.assert(
        fc.asyncProperty(inputFor(name), async (input) => {
          const res = await send(`/api/call/${name}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-signal-explorer-token': host.token },
            body: JSON.stringify({ input }),
          });
          expectHarmless(res, name);
          expect(res.status).toBe(200);
          expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { kind: 'validation' } });
          answered.add(name);
        }),
        { seed: SEED, numRuns: 20 },
      );
    }
    expect([...answered].sort()).toEqual([...callNames].sort());
    expect(await snapshot(join(dir, 'data'))).toBe(before);
  });

  const API = ['/api/call/app.info', '/api/call/connections.list', '/api/events', '/api/download/x'];
  const spelled = fc
    .tuple(
      fc.constantFrom(...API, 'DOWNLOAD'),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.constantFrom('', '/', '?', '?token=', '?token=wrong', '#', '%00', ';x', '?token=a&token=b'),
    )
    .map(([path0, picks, tail]) => {
      let path = path0 === 'DOWNLOAD' ? download : path0;
      for (const pick of picks) {
        const at = 1 + (pick % (path.length - 1));
        const c = path[at]!;
        const edits = [
          () => path.slice(0, at) + `%${c.charCodeAt(0).toString(16).padStart(2, '0')}` + path.slice(at + 1),
          () => path.slice(0, at) + `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}` + path.slice(at + 1),
          () => path.replace('/api/', '/x/../api/'),
          () => path.replace('/api/', '/./api/'),
          () => path.replace('/api/', '/%2e%2e/api/'),
          () => path.replace('/api/', '//api/'),
          () => path.replace('/api/', '/api%2f'),
          () => path.replace('/api/', '/API/'),
          () => path.replace('/api/', '\\api\\'),
        ];
        path = edits[pick % edits.length]!();
      }
      return path + tail;
    });

  const trail: string[] = [];
  it('API paths spelled any way: never served without the token, even with the page cookie', async () => {
    await fc.assert(
      fc.asyncProperty(
        spelled,
        fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'OPTIONS'),
        fc.boolean(),
        async (path, method, withCookie) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (withCookie) headers.cookie = cookie;
          const res = await send(path, { method, headers, body: method === 'POST' || method === 'PUT' ? '{}' : undefined }).catch(
            (e: Error) => {
              throw new Error(`${method} ${path} ${withCookie}: ${e.message} after ${trail.slice(-3).join(' | ')}`);
            },
          );
          trail.push(`${method} ${path} ${withCookie} -> ${res.status}`);
          expectHarmless(res, `${method} ${path}`);
          expect(res.headers['content-type'] ?? '', `${method} ${path}`).not.toMatch(/event-stream|application\/json|octet-stream/);
          expect(res.headers['content-disposition'], `${method} ${path}`).toBeUndefined();
          if (!withCookie) expect([403, 400], `${method} ${path}`).toContain(res.status);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  const allowed = (h: string) => [`127.0.0.1:${host.port}`, `localhost:${host.port}`].includes(h.toLowerCase());
  it('a foreign Host or Origin is refused, token or not', async () => {
    const hostHeader = fc.oneof(
      fc.constantFrom('evil.example', '127.0.0.1', '127.0.0.1:1', 'localhost', '[::1]', '127.0.0.1.nip.io', '0.0.0.0', 'LOCALHOST.'),
      fc.domain(),
      fc.nat({ max: 65535 }).map((p) => `127.0.0.1:${p}`),
    );
    const origin = fc.oneof(
      fc.constantFrom('null', 'http://evil.example', 'https://127.0.0.1', 'file://', 'http://127.0.0.1', 'http://localhost'),
      fc.webUrl(),
      fc.nat({ max: 65535 }).map((p) => `http://127.0.0.1:${p}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.option(hostHeader, { nil: undefined }), fc.option(origin, { nil: undefined }), async (h, o) => {
        const ourHost = h === undefined || allowed(h);
        const ourOrigin = o === undefined || [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`].includes(o.toLowerCase());
        fc.pre(!(ourHost && ourOrigin));
        const headers: Record<string, string> = { 'content-type': 'application/json', 'x-signal-explorer-token': host.token };
        if (h !== undefined) headers.host = h;
        if (o !== undefined) headers.origin = o;
        const res = await send('/api/call/app.info', { method: 'POST', headers, body: '{}' });
        expectHarmless(res, `${h} ${o}`);
        expect(res.status, `${h} ${o}`).toBe(403);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('oversized, malformed and deeply nested bodies: a 4xx, never a 500', async () => {
    const token = { 'x-signal-explorer-token': host.token };
    const body = fc.oneof(
      fc.constant(Buffer.alloc(5 * 1024 * 1024, 0x20)),
      fc.nat({ max: 200_000 }).map((n) => `{"input":${'['.repeat(n)}${']'.repeat(n)}}`),
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{"input":', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '\uFEFF{}', 'null', '[]', '"x"'),
    );
    const type = fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
    );
    await fc.assert(
      fc.asyncProperty(body, type, fc.constantFrom<CallName>('app.info', 'connections.save', 'selections.save'), async (b, t, name) => {
        const res = await send(`/api/call/${name}`, { method: 'POST', headers: { ...token, 'content-type': t }, body: b });
        expectHarmless(res, `${t} ${String(b).slice(0, 40)}`);
        if (res.status === 200) expect(JSON.parse(res.body)).toHaveProperty('ok');
      }),
      { seed: SEED, numRuns: 40 },
    );
    expect(await snapshot(join(dir, 'data'))).toBe(before);
  });
});
