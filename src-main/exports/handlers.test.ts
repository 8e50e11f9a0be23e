import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  events as contractEvents,
  type CallName,
  type CallOutput,
  type EventPayload,
  type JobStatus,
  type SelectedSignal,
} from '../../src-preload/contract';
import { createHandlers } from '../app/create-handlers';
import { memorySecretStore } from '../app/memory-secret-store';
import type { MainPorts, SaveTarget } from '../ports/main-ports';
import { dispatch } from '../bridge/dispatch';
import type { Handlers } from '../bridge/handlers';
import { startEmulator, type Emulator } from '../emulator';

/*
 * The window's side of exports, through the real door (dispatch) and the real handlers: browse,
 * search, start, progress events, preview, save by dialog and by download, history, show in folder.
 */

let emulator: Emulator;
let dir: string;
const events: EventPayload<'exports.progress'>[] = [];
const shown: string[] = [];
let dialogAnswer: string | null = null;
const offered: { filePath: string; fileName: string }[] = [];

function portsWith(saveTarget: SaveTarget, showInFolder?: (p: string) => void): MainPorts {
  return {
    mode: 'electron',
    version: '9.9.9',
    platform: 'linux',
    dataDir: join(dir, `data-${saveTarget.kind}`),
    cacheDir: join(dir, `cache-${saveTarget.kind}`),
    secrets: memorySecretStore(),
    // Checked as the event hub checks it: a malformed event would break the window.
    emit: (name, payload) =>
      void (name === 'exports.progress' && events.push(contractEvents['exports.progress'].payload.parse(payload) as JobStatus)),
    saveTarget,
    demo: { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey },
    showInFolder,
  };
}

let desktop: Handlers;
let browser: Handlers;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'handlers-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-handlers-'));
  desktop = createHandlers(portsWith({ kind: 'dialog', choosePath: async () => dialogAnswer }, (p) => shown.push(p))).handlers;
  browser = createHandlers(
    portsWith({
      kind: 'download',
      offer: (filePath, fileName) => {
        offered.push({ filePath, fileName });
        return `/api/download/${offered.length}`;
      },
    }),
  ).handlers;
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

async function call<K extends CallName>(h: Handlers, name: K, input: unknown): Promise<CallOutput<K>> {
  const answer = await dispatch(h, name, input, { transport: 'ipc' });
  if (!answer.ok) throw Object.assign(new Error(answer.error.message), answer.error);
  return answer.value as CallOutput<K>;
}

async function readyJob(h: Handlers, signals: SelectedSignal[], format: 'parquet' | 'csv' | 'json' = 'parquet'): Promise<JobStatus> {
  const { jobId } = await call(h, 'exports.start', {
    connectionId: 'demo',
    signals,
    timeWindow: { start: '2025-06-01T00:00:00.000Z', end: '2025-06-01T02:00:00.000Z' },
    format,
  });
  for (;;) {
    const s = await call(h, 'exports.status', { jobId });
    if (s.stage === 'ready' || s.stage === 'failed' || s.stage === 'cancelled') return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('catalog and export calls through dispatch', () => {
  let signals: SelectedSignal[];

  it('walks the tree down to signals, searches, looks one up, tests the connection', async () => {
    const roots = await call(desktop, 'catalog.children', { connectionId: 'demo', path: [] });
    expect(roots.map((n) => n.level)).toContain('workspace');
    const path = ['Haldane Ridge Wind Farm', 'String A', 'WTG-A01', 'Nacelle'];
    const leaves = await call(desktop, 'catalog.children', { connectionId: 'demo', path });
    expect(leaves[0]).toMatchObject({ level: 'signal', path: [...path, leaves[0]!.name] });
    signals = leaves.slice(0, 2).map((n) => ({ ...n.signal!, rename: n.signal!.name }));

    const found = await call(desktop, 'catalog.search', { connectionId: 'demo', workspaceId: 101, query: 'WIND SPEED' });
    expect(found.total).toBeGreaterThan(1);
    expect(found.items.every((s) => /wind speed/i.test(s.name + s.description + s.physicalUnit))).toBe(true);
    expect((await call(desktop, 'catalog.signal', { connectionId: 'demo', id: signals[0]!.id })).name).toBe(signals[0]!.name);

    const me = await call(desktop, 'connections.test', { id: 'demo' });
    expect(me.username.length).toBeGreaterThan(0);
    const bad = await call(desktop, 'connections.test', { name: 'x', apiUrl: emulator.baseUrl, apiKey: 'nope' }).catch(
      (e: { kind: string }) => e,
    );
    expect(bad).toMatchObject({ kind: 'unauthorized' });
  });

  it('previews a ready job: series within budget, stats, rows', async () => {
    const job = await readyJob(desktop, signals);
    expect(job.stage).toBe('ready');
    expect(events.some((e) => e.jobId === job.jobId && e.stage === 'running' && e.progress.chunksDone === 0)).toBe(true);
    const series = await call(desktop, 'preview.series', { jobId: job.jobId, points: 200 });
    expect(series.series).toHaveLength(2);
    // `points` are the plot's pixel columns: M4 keeps up to 4 points per column.
    expect(series.series[0]!.t.length).toBeLessThanOrEqual(4 * 200);
    expect(series.series[0]!.downsampled).toBe(true);
    const zoom = await call(desktop, 'preview.series', {
      jobId: job.jobId,
      points: 200,
      range: { start: series.dataRange!.start, end: series.dataRange!.start + 60_000 },
    });
    expect(zoom.series[0]!.downsampled).toBe(false);
    expect(series.window).toEqual({ start: Date.parse('2025-06-01T00:00:00Z'), end: Date.parse('2025-06-01T02:00:00Z') });
    expect(series.chunks).toEqual({ done: 1, total: 1 });
    const stats = await call(desktop, 'preview.stats', { jobId: job.jobId });
    expect(stats.stats[0]).toMatchObject({ count: 7200, nulls: 0, coverage: 1 });
    const rows = await call(desktop, 'preview.rows', { jobId: job.jobId, offset: 7198, limit: 10 });
    expect([rows.total, rows.rows.length, rows.columns[0], rows.offset]).toEqual([7200, 2, 'timestamp', 7198]);
    const at = await call(desktop, 'preview.rows', { jobId: job.jobId, at: Date.parse('2025-06-01T01:00:00.500Z'), limit: 1 });
    expect([at.offset, at.rows[0]![0]]).toEqual([3601, Date.parse('2025-06-01T01:00:01Z')]);
  });

  it('saves through the dialog with its record, lists it in history and shows only saved files', async () => {
    const job = await readyJob(desktop, signals);
    dialogAnswer = null;
    expect(await call(desktop, 'exports.save', { jobId: job.jobId, format: 'csv' })).toEqual({ outcome: 'cancelled' });

    dialogAnswer = join(dir, 'from-dialog.csv');
    const saved = await call(desktop, 'exports.save', { jobId: job.jobId, format: 'csv', timeZone: 'Europe/Lisbon', excelLocale: 'pt-PT' });
    expect(saved).toMatchObject({ outcome: 'saved', path: dialogAnswer });
    expect((await readFile(dialogAnswer, 'utf8')).slice(0, 11)).toBe('\ufefftimestamp;');
    await access(`${dialogAnswer}.export.json`);

    const history = await call(desktop, 'history.list', undefined);
    const entry = history.find((h) => h.id === job.jobId)!;
    expect(entry).toMatchObject({ outcome: 'ready', cached: true, savedPaths: [dialogAnswer] });

    await call(desktop, 'exports.showInFolder', { path: dialogAnswer });
    expect(shown).toEqual([dialogAnswer]);
    await expect(call(desktop, 'exports.showInFolder', { path: '/etc/passwd' })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(call(browser, 'exports.showInFolder', { path: dialogAnswer })).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('browser mode offers a download: the cached file as is, or a conversion', async () => {
    const job = await readyJob(browser, signals, 'parquet');
    const same = await call(browser, 'exports.save', { jobId: job.jobId, format: 'parquet' });
    expect(same).toMatchObject({ outcome: 'download', fileName: 'String-A_2025-06-01T0000Z_2025-06-01T0200Z.parquet' });
    const converted = await call(browser, 'exports.save', { jobId: job.jobId, format: 'json' });
    expect(converted).toMatchObject({ outcome: 'download' });
    expect(JSON.parse(await readFile(offered.at(-1)!.filePath, 'utf8'))).toHaveLength(7200);
  });

  it('opens a cached history entry as a ready job, and forgets it', async () => {
    const job = await readyJob(desktop, signals, 'json');
    // The outcome reaches history.json just after the status says ready.
    while (!(await call(desktop, 'history.list', undefined)).some((h) => h.id === job.jobId && h.cached))
      await new Promise((r) => setTimeout(r, 20));
    const again = createHandlers(portsWith({ kind: 'dialog', choosePath: async () => null })).handlers;
    const opened = await call(again, 'history.open', { id: job.jobId });
    expect([opened.stage, opened.result?.rowCount]).toEqual(['ready', 7200]);
    expect((await call(again, 'preview.stats', { jobId: job.jobId })).stats.length).toBe(2);
    await call(again, 'history.remove', { id: job.jobId });
    expect((await call(again, 'history.list', undefined)).some((h) => h.id === job.jobId)).toBe(false);
    await expect(call(again, 'history.open', { id: job.jobId })).rejects.toMatchObject({ kind: 'not-found' });
  });
});
