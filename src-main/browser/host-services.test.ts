import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memorySecretStore } from '../app/memory-secret-store';
import { startServices, type Services } from '../app/start-services';
import { startEmulator, type Emulator } from '../emulator';
import { createDownloads } from './downloads';
import { startBrowserHost, type BrowserHost } from './host';
import { callWithToken, send } from './testing/raw-http';

/*
 * Browser mode as `npm run start:browser` builds it (real services, the demo API on 127.0.0.1),
 * driven over raw HTTP: what an answer may and may not carry.
 */

let emulator: Emulator;
let dir: string;
let services: Services;
let host: BrowserHost;
const dataDir = () => join(dir, 'data');
const call = (name: string, input?: unknown) => callWithToken(host.port, host.token, name, input);

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'host-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-host-services-'));
  await writeFile(join(dir, 'index.html'), '<html><head></head><body></body></html>');
  const downloads = createDownloads();
  services = await startServices({
    mode: 'browser',
    version: 'test',
    platform: 'linux',
    dataDir: dataDir(),
    cacheDir: join(dataDir(), 'cache'),
    secrets: memorySecretStore(),
    saveTarget: { kind: 'download', offer: downloads.offer },
    demo: { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey },
  });
  host = await startBrowserHost({
    handlers: services.handlers,
    events: services.events,
    downloads,
    rendererDir: dir,
    privateFolders: [{ path: dataDir(), label: '<data folder>' }],
  });
});
afterAll(async () => {
  await host.close();
  await services.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

async function readyJob(): Promise<string> {
  const signal = (await call('catalog.signal', { connectionId: 'demo', id: 10001 })).value;
  const started = await call('exports.start', {
    connectionId: 'demo',
    signals: [{ ...signal, rename: String(signal.id) }],
    timeWindow: { start: '2025-05-01T00:00:00Z', end: '2025-05-01T00:10:00Z' },
    format: 'csv',
  });
  const jobId = started.value.jobId as string;
  for (let i = 0; i < 200; i++) {
    const status = (await call('exports.status', { jobId })).value;
    if (status.stage === 'ready') return jobId;
    if (status.stage === 'failed') throw new Error(status.error.message);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the export did not get ready');
}

describe('browser mode answers', () => {
  it('a download whose file was removed answers 404 in plain words, with no path of this machine', async () => {
    const jobId = await readyJob();
    const saved = await call('exports.save', { jobId, format: 'csv' });
    expect(saved.value.outcome).toBe('download');
    const url = `${saved.value.url}?token=${host.token}`;
    expect((await send(host.port, url)).status).toBe(200);
    await call('history.remove', { id: jobId });
    const gone = await send(host.port, url);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatch(/no longer available/i);
    expect(gone.body).not.toContain(dir);
    expect(gone.body).not.toMatch(/ENOENT/);
  });

  it('an error that names one of our files names it without the folder it lives in', async () => {
    await writeFile(join(dataDir(), 'history.json'), 'not json');
    const answer = await call('history.list');
    expect(answer.ok).toBe(false);
    expect(answer.error.message).toContain('<data folder>');
    expect(JSON.stringify(answer)).not.toContain(dir);
    await rm(join(dataDir(), 'history.json'));
  });

  it('a route that fails or does not exist answers in plain words, echoing nothing', async () => {
    const missing = await send(host.port, `/no/such/${'x'.repeat(10)}?token=${host.token}`);
    expect(missing.status).toBe(404);
    expect(missing.body).not.toContain('/no/such');
    const malformed = await send(host.port, '/api/call/app.info', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signal-explorer-token': host.token },
      body: '{"input": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).not.toMatch(/Unexpected|position|SyntaxError/);
  });
});
