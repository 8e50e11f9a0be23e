import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName, CallOutput, ExportRequest, JobStatus } from '../../../src-preload/contract';
import { createHandlers } from '../../app/create-handlers';
import { memorySecretStore } from '../../app/memory-secret-store';
import { dispatch } from '../../bridge/dispatch';
import type { Handlers } from '../../bridge/handlers';
import { cliInProcess } from '../../cli/testing/cli-in-process';
import { startEmulator, type Emulator } from '../../emulator';
import { createNortechClient } from '../../nortech/client';
import { toSignal } from '../../nortech/to-domain';
import type { MainPorts, SaveTarget } from '../../ports/main-ports';

/*
 * "Save conditions…" through the real door (dispatch) and handlers: a ready export's periods saved
 * by the dialog and by a browser download, from the job's cache (Nortech is asked nothing more),
 * equal to what the command line's --conditions-output writes for the same request and to the
 * preview's periods; refused with a clear error where there is nothing to save.
 */

let emulator: Emulator;
let dir: string;
let dialogAnswer: string | null = null;
const offered: { filePath: string; fileName: string }[] = [];
let desktop: Handlers;
let browser: Handlers;
let close: () => Promise<void>;

const ports = (saveTarget: SaveTarget): MainPorts => ({
  mode: 'electron',
  version: '9.9.9',
  platform: 'linux',
  dataDir: join(dir, `data-${saveTarget.kind}`),
  cacheDir: join(dir, `cache-${saveTarget.kind}`),
  secrets: memorySecretStore(),
  emit: () => undefined,
  saveTarget,
  demo: { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey },
});

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'conditions-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-conditions-file-'));
  const apps = [
    createHandlers(ports({ kind: 'dialog', choosePath: async () => dialogAnswer })),
    createHandlers(
      ports({
        kind: 'download',
        offer: (filePath, fileName) => {
          offered.push({ filePath, fileName });
          return `/api/download/${offered.length}`;
        },
      }),
    ),
  ];
  [desktop, browser] = apps.map((a) => a.handlers) as [Handlers, Handlers];
  // The stacks join a ready job's downloads in the background: closed before their folders go.
  close = () => Promise.all(apps.map((a) => a.close())).then(() => undefined);
});
afterAll(async () => {
  await close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

async function call<K extends CallName>(h: Handlers, name: K, input: unknown): Promise<CallOutput<K>> {
  const answer = await dispatch(h, name, input, { transport: 'ipc' });
  if (!answer.ok) throw Object.assign(new Error(answer.error.message), answer.error);
  return answer.value as CallOutput<K>;
}

async function ready(h: Handlers, request: ExportRequest): Promise<JobStatus> {
  const { jobId } = await call(h, 'exports.start', request);
  for (;;) {
    const s = await call(h, 'exports.status', { jobId });
    if (s.stage !== 'running') return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const WINDOW = { start: '2025-03-01T00:00:00.000Z', end: '2025-03-01T02:00:00.000Z' };

describe('exports.saveConditions', () => {
  it('saves the periods of a ready export by dialog and by download, as the command line writes them', async () => {
    const client = createNortechClient({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey, version: 'test' });
    const signal = { ...toSignal(await client.getSignal(10001)), rename: '10001' };
    const request: ExportRequest = {
      connectionId: 'demo',
      signals: [signal],
      timeWindow: WINDOW,
      format: 'csv',
      values: { kind: 'raw' },
      derivations: {
        derived: [{ name: 'avg', expression: 'rolling_mean(`10001`, 10m)' }],
        conditions: [{ name: 'high', expression: '`10001` > avg for >= 5s', statsOf: '10001' }],
      },
    };
    const job = await ready(desktop, request);
    expect(job.stage).toBe('ready');
    const asked = emulator.dataRequests.length;

    const chosen = join(dir, 'periods.csv');
    dialogAnswer = chosen;
    const saved = await call(desktop, 'exports.saveConditions', { jobId: job.jobId, format: 'csv' });
    expect(saved).toMatchObject({ outcome: 'saved', path: chosen });
    const file = await readFile(chosen, 'utf8');
    expect(emulator.dataRequests.length).toBe(asked);

    const cli = join(dir, 'cli-periods.csv');
    const r = await cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, [
      'export',
      '--signal-id',
      '10001',
      '--start',
      WINDOW.start,
      '--end',
      WINDOW.end,
      '--format',
      'csv',
      '--derive',
      'avg=rolling_mean(`10001`, 10m)',
      '--condition',
      'high=`10001` > avg for >= 5s',
      '--condition-stats',
      'high=10001',
      '-o',
      join(dir, 'cli.csv'),
      '--conditions-output',
      cli,
    ]);
    expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    expect(file).toBe(await readFile(cli, 'utf8'));

    // The rows are the preview's periods, in order.
    const shown = await call(desktop, 'preview.conditions', { jobId: job.jobId });
    const lines = file.trimEnd().split('\n');
    expect(lines[0]).toBe('timestamp,condition,end,duration_s,min,max,mean,ended_by');
    const periods = shown.conditions[0]!.periods;
    expect(periods.length).toBeGreaterThan(1);
    expect(lines.length - 1).toBe(shown.conditions[0]!.summary.periods);
    periods.forEach((p, i) => {
      const [start, name, end, duration, min, max, mean, endedBy] = lines[i + 1]!.split(',');
      expect([Date.parse(start!), name, Date.parse(end!), Number(duration), endedBy]).toEqual([
        p.start,
        'high',
        p.end,
        p.durationMs / 1000,
        p.endedBy,
      ]);
      expect([Number(min), Number(max), Number(mean)]).toEqual([p.min, p.max, p.mean]);
    });

    // The dialog closed: nothing written.
    dialogAnswer = null;
    expect(await call(desktop, 'exports.saveConditions', { jobId: job.jobId, format: 'parquet' })).toEqual({ outcome: 'cancelled' });

    // Browser mode: a file in the cache, offered for download, named after the export.
    const inBrowser = await ready(browser, request);
    const offer = await call(browser, 'exports.saveConditions', { jobId: inBrowser.jobId, format: 'json', timeZone: 'Europe/Lisbon' });
    expect(offer).toMatchObject({ outcome: 'download', fileName: expect.stringMatching(/-periods\.json$/) });
    const json = JSON.parse(await readFile(offered.at(-1)!.filePath, 'utf8')) as Record<string, unknown>[];
    expect(json.length).toBe(lines.length - 1);
    expect(json[0]).toMatchObject({ condition: 'high', duration_s: periods[0]!.durationMs / 1000, ended_by: periods[0]!.endedBy });
    expect(Date.parse(json[0]!.timestamp as string)).toBe(periods[0]!.start);
    expect(json[0]!.timestamp).toMatch(/\+0[01]:00$/);
  });

  it('refuses an export without conditions, and a format it does not write, saying why', async () => {
    const client = createNortechClient({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey, version: 'test' });
    const signal = { ...toSignal(await client.getSignal(10001)), rename: '10001' };
    const job = await ready(desktop, {
      connectionId: 'demo',
      signals: [signal],
      timeWindow: WINDOW,
      format: 'csv',
      values: { kind: 'raw' },
    });
    dialogAnswer = join(dir, 'none.csv');
    await expect(call(desktop, 'exports.saveConditions', { jobId: job.jobId, format: 'csv' })).rejects.toMatchObject({
      kind: 'validation',
      message: 'This export has no conditions, so it has no periods to save.',
    });
    await expect(call(desktop, 'exports.saveConditions', { jobId: job.jobId, format: 'txt' })).rejects.toMatchObject({
      kind: 'validation',
    });
  });
});
