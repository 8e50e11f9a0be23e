import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memorySecretStore } from '../app/memory-secret-store';
import { startServices, type Services } from '../app/start-services';
import { createDownloads } from '../browser/downloads';
import { startBrowserHost, type BrowserHost } from '../browser/host';
import { callWithToken } from '../browser/testing/raw-http';
import { startEmulator, type Emulator } from '../emulator';
import { openAppLog, type AppLog } from './app-log';
import { watchProcess } from './process-trail';

/*
 * A canary API key through every path that logs, in browser mode as `npm run start:browser` builds
 * it (the real services, host and log file), against an emulator whose key is the canary and
 * whose faults make requests fail, downloads break and signed links expire. Then every log file
 * and the diagnostics are read: the canary, the host's token and any download signature are in
 * none, while the lines a bug report needs are.
 */

const CANARY = 'sk-live-CANARY-d41d8cd98f00b204e980';
const WINDOW = { start: '2025-05-01T00:00:00Z', end: '2025-05-01T00:10:00Z' };

let emulator: Emulator;
let dir: string;
let appLog: AppLog;
let services: Services;
let host: BrowserHost;
let unwatch: () => void;
const dataDir = () => join(dir, 'data');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads what it expects
const call = async (name: string, input?: unknown): Promise<any> => {
  const answer = await callWithToken(host.port, host.token, name, input);
  return answer.ok ? answer.value : { failed: answer.error };
};

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: CANARY, faults: { retryAfterSeconds: 0 } });
  dir = await mkdtemp(join(tmpdir(), 'se-canary-'));
  await writeFile(join(dir, 'index.html'), '<html><head></head><body></body></html>');
  appLog = openAppLog({ dataDir: dataDir(), level: 'debug' });
  unwatch = watchProcess(appLog.log);
  const downloads = createDownloads({ log: appLog.log });
  services = await startServices({
    mode: 'browser',
    version: 'test',
    platform: 'linux',
    dataDir: dataDir(),
    cacheDir: join(dataDir(), 'cache'),
    secrets: memorySecretStore(),
    saveTarget: { kind: 'download', offer: downloads.offer },
    log: appLog.log,
    logFile: appLog.file,
  });
  host = await startBrowserHost({ handlers: services.handlers, events: services.events, downloads, rendererDir: dir, log: appLog.log });
});
afterAll(async () => {
  unwatch();
  await host.close();
  await services.close();
  appLog.log.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

async function ended(jobId: string): Promise<{ stage: string; error?: { message: string } }> {
  for (let i = 0; i < 600; i++) {
    const status = await call('exports.status', { jobId });
    if (status.stage !== 'running') return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the export did not end');
}

async function exportOn(connectionId: string): Promise<{ stage: string; error?: { message: string } }> {
  const signal = await call('catalog.signal', { connectionId, id: 10001 });
  const started = await call('exports.start', {
    connectionId,
    signals: [{ ...signal, rename: 'flow' }],
    timeWindow: WINDOW,
    format: 'csv',
  });
  return ended(started.jobId);
}

describe('no secret reaches the log or the diagnostics', () => {
  it('a connection whose key is the canary, failing requests, broken and expired downloads, a crash with the key in its message', async () => {
    // A draft tested with a wrong key (401: logged with Nortech's answer), then with the canary.
    expect((await call('connections.test', { name: 'Plant', apiUrl: emulator.baseUrl, apiKey: `${CANARY}-old` })).failed.kind).toBe(
      'unauthorized',
    );
    expect((await call('connections.test', { name: 'Plant', apiUrl: emulator.baseUrl, apiKey: CANARY })).username).toEqual(
      expect.any(String),
    );
    const saved = await call('connections.save', { name: 'Plant north', apiUrl: emulator.baseUrl, apiKey: CANARY });

    // The tree through 503s (retried), then an export whose first link has expired and whose download is cut.
    emulator.faults.fail503Next = 2;
    expect((await call('catalog.children', { connectionId: saved.id, path: [] })).length).toBeGreaterThan(0);
    Object.assign(emulator.faults, { expireUrlsNext: 1, cutDownloadsNext: 1 });
    expect((await exportOn(saved.id)).stage).toBe('ready');
    // A failing download with a signed URL: every link handed out has expired.
    Object.assign(emulator.faults, { expireUrlsNext: 10 });
    const failedDownload = await exportOn(saved.id);
    emulator.resetFaults();
    expect(failedDownload.stage).toBe('failed');
    // Nortech fails to write the file.
    emulator.faults.failWritesNext = 10;
    expect((await exportOn(saved.id)).stage).toBe('failed');
    emulator.resetFaults();
    // An error nothing caught, the key and the token in its message (the process's crash line).
    (process as NodeJS.EventEmitter).emit(
      'uncaughtExceptionMonitor',
      new Error(`a bug that printed ${CANARY} and ${host.token}`),
      'uncaughtException',
    );

    const diagnostics: string = (await call('app.diagnostics', { userAgent: 'Mozilla/5.0 (canary test) Chrome/140.0' })).text;
    const files = await readdir(appLog.dir);
    const logs = (await Promise.all(files.map((f) => readFile(join(appLog.dir, f), 'utf8')))).join('');

    for (const text of [logs, diagnostics]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain('CANARY');
      expect(text).not.toContain(host.token);
      expect(text).not.toMatch(/X-Amz-(Signature|Credential)=(?!\[redacted\])/i);
      expect(text).not.toMatch(/\/files\/[^\s"]*\?(?!\[redacted\])/);
    }

    // What a bug report needs is there.
    const lines = logs
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown> & { msg: string });
    const said = (msg: string | RegExp, fields: Record<string, unknown> = {}) =>
      expect(lines).toContainEqual(expect.objectContaining({ msg: typeof msg === 'string' ? msg : expect.stringMatching(msg), ...fields }));
    said('Signal Explorer started', { version: 'test', mode: 'browser', dataDir: dataDir() });
    said('Browser host listening');
    said('Nortech API error', { status: 401 });
    said('Nortech API error', { status: 503 });
    said('Export started', { signals: 1, format: 'csv' });
    said('Export finished', { outcome: 'ready', rows: 600, durationMs: expect.any(Number) });
    said('Export failed', { outcome: 'failed', error: expect.objectContaining({ kind: expect.any(String) }) });
    said('Chunk tried again', { reason: expect.stringMatching(/download link was refused/) });
    said('Chunk tried again', { reason: expect.stringMatching(/\S/), jobId: expect.any(String) });
    said('Crashed: an error nothing caught', { origin: 'uncaughtException' });
    said('Call connections.test failed', { err: expect.objectContaining({ kind: 'unauthorized' }) });
    // No line per row or per batch: a few dozen lines for all of the above.
    expect(lines.length).toBeLessThan(150);

    expect(diagnostics).toMatch(/^Signal Explorer diagnostics, \d{4}-/);
    expect(diagnostics).toContain('App: Signal Explorer test, browser mode');
    expect(diagnostics).toMatch(/Runtime: Node \d+/);
    expect(diagnostics).toContain('Window: Mozilla/5.0 (canary test) Chrome/140.0');
    expect(diagnostics).toMatch(/Libraries: .*pino \d+\.\d+\.\d+/);
    expect(diagnostics).toMatch(/^Settings: \{"concurrency":3,"cacheLimitGb":20,"weekStart":"\w+"[^\n]*\}$/m);
    expect(diagnostics).toContain(`- Plant north: ${emulator.baseUrl}, key in memory for this session`);
    expect(diagnostics).toContain('"msg":"Export failed"');
    expect(diagnostics).toContain('"msg":"Diagnostics asked for"');
  });
});
