import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload, LivePoints, LiveStatus, SelectedSignal } from '../../src-preload/contract';
import { dispatch } from '../bridge/dispatch';
import { startEmulator, type Emulator } from '../emulator';
import { demoCatalog } from '../emulator/testing/fixture';
import { valueAt } from '../emulator/values/value-at';
import { memorySecretStore } from './memory-secret-store';
import { startServices, type Services } from './start-services';

/*
 * Live as the app composes it (startServices: the real export service for the history fill, the
 * real client, the settings), against the emulator on the real clock, driven through the contract
 * and watched through its events, as a window would.
 */

let emulator: Emulator;
let dir: string;
let services: Services;
const updates: EventPayload<'live.update'>[] = [];

async function call<T = LiveStatus>(name: string, input?: unknown): Promise<T> {
  const answer = await dispatch(services.handlers, name, input, { transport: 'ipc' });
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.value as T;
}

async function until<T>(find: () => T | undefined | false, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; last status: ${JSON.stringify(updates.at(-1)?.status)}`);
    await sleep(10);
  }
}
const lastStatus = () => updates.at(-1)?.status;

/** The app's services on a data folder of their own, with "Demo data" pointing at `api`. */
const servicesOn = (api: Emulator, dataDir: string) =>
  startServices({
    mode: 'browser',
    version: 'test',
    platform: 'linux',
    dataDir,
    cacheDir: join(dataDir, 'cache'),
    secrets: memorySecretStore(),
    saveTarget: { kind: 'download', offer: () => '/nowhere' },
    demo: { baseUrl: api.baseUrl, apiKey: api.apiKey },
  });

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'live-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-live-'));
  services = await servicesOn(emulator, join(dir, 'data'));
  services.events.subscribe((name, payload) => {
    if (name === 'live.update') updates.push(payload as EventPayload<'live.update'>);
  });
  await call('settings.save', { liveIntervalSeconds: 0.2 });
});
afterAll(async () => {
  await services.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const catalog = demoCatalog();
// Two 1 s signals of the wind farm's CMS unit, and a 10 s signal of the water works (another workspace).
const ids = [10178, 10179, 10240];

/** Each point held equals the generator's value for its instant: history and live alike. */
function expectGeneratorValues(series: LivePoints[]): void {
  for (const s of series) {
    const signal = catalog.signalsById.get(Number(s.column))!;
    expect(s.shape).toBe('line');
    for (let i = 0; i < s.t.length; i++) {
      const v = s.v[i] as number;
      if (Number.isNaN(v)) continue;
      expect(v, `${s.column} at ${new Date(s.t[i]!).toISOString()}`).toBe(valueAt(signal, s.t[i]!));
      if (i > 0) expect(s.t[i]!).toBeGreaterThan(s.t[i - 1]!);
    }
  }
}

describe('Live, composed', () => {
  it('fills the charts with the last minutes through an export, polls newer points across workspaces, keeps no History entry', async () => {
    const signals: SelectedSignal[] = [];
    for (const id of ids)
      signals.push({ ...(await call<SelectedSignal>('catalog.signal', { connectionId: 'demo', id })), rename: String(id) });
    const started = await call('live.start', { connectionId: 'demo', signals, minutes: 5 });
    expect([started.state, started.history, started.intervalMs, started.minutes]).toEqual([
      { state: 'live' },
      { state: 'filling' },
      200,
      5,
    ]);

    const filled = await until(() => updates.find((u) => u.status.history?.state === 'filled')?.status, 'the history fill');
    const { series, at } = await call<{ series: LivePoints[]; at: number }>('live.points');
    expect(series.map((s) => s.column)).toEqual(ids.map(String));
    expectGeneratorValues(series);
    for (const s of series) {
      // History reaches back about five minutes; the window never holds more than that.
      expect(s.t[0]!).toBeGreaterThanOrEqual(at - 5 * 60_000);
      expect(s.t[0]!).toBeLessThan(at - 4.5 * 60_000);
      expect(s.t.length).toBeGreaterThan(s.column === '10240' ? 25 : 280);
    }
    expect(filled.signals.every((s) => s.latest !== null)).toBe(true);
    // The fill was an export, discarded once read.
    expect(await call<unknown[]>('history.list')).toEqual([]);

    // Newer points come in the events, each newer than the last sent, with the generator's values.
    const newest = Math.max(...series[0]!.t);
    const later = await until(
      () => updates.find((u) => u.points.some((p) => p.column === '10178' && p.t.some((t) => t > newest + 1_000))),
      'a point a second newer',
    );
    expectGeneratorValues(later.points);
    const sent = updates.flatMap((u) => u.points.filter((p) => p.column === '10178').flatMap((p) => [...p.t]));
    expect(sent).toEqual([...new Set(sent)].sort((a, b) => a - b));
  });

  it('retrying with the reason while Nortech answers 503, then live', async () => {
    emulator.faults.retryAfterSeconds = 0;
    emulator.faults.fail503Next = 2;
    const retrying = await until(() => {
      const s = lastStatus()?.state;
      return s?.state === 'retrying' ? s : undefined;
    }, 'retrying');
    expect(retrying.reason).toMatch(/HTTP 503/);
    expect(retrying.retryAt).toBeGreaterThan(Date.now() - 2_000);
    await until(() => lastStatus()?.state.state === 'live' && emulator.faults.fail503Next === 0, 'live again');
  });

  it('paused while the window is hidden; Stop holds everything still; Resume polls again', async () => {
    const hidden = await call('live.visibility', { hidden: true });
    expect(hidden.state).toEqual({ state: 'paused', reason: 'hidden' });
    await sleep(100);
    const calls = emulator.liveRequests;
    await sleep(600);
    expect(emulator.liveRequests).toBe(calls);
    expect((await call('live.visibility', { hidden: false })).state).toEqual({ state: 'live' });
    await until(() => emulator.liveRequests > calls, 'a poll once visible');

    expect((await call('live.stop')).state).toEqual({ state: 'stopped' });
    await sleep(100);
    const before = await call<{ series: LivePoints[] }>('live.points');
    const stoppedCalls = emulator.liveRequests;
    // Stopped until the 1 s signals have a point nobody polled: a stop shorter than their period
    // misses nothing, and the next point joins the last without a break.
    const stoppedAt = before.series[0]!.t.at(-1)!;
    while (Date.now() < stoppedAt + 2_500) await sleep(100);
    const after = await call<{ series: LivePoints[] }>('live.points');
    expect(emulator.liveRequests).toBe(stoppedCalls);
    expect(after.series.map((s) => s.t.at(-1))).toEqual(before.series.map((s) => s.t.at(-1)));

    expect((await call('live.resume')).state).toEqual({ state: 'live' });
    await until(() => emulator.liveRequests > stoppedCalls, 'a poll after Resume');
    // Stopped for longer than a sample: the 1 s signals' lines break where nobody looked.
    let line: LivePoints | undefined;
    for (let i = 0; i < 200 && !(line && line.t.at(-1)! > stoppedAt + 1_000); i++) {
      await sleep(50);
      line = (await call<{ series: LivePoints[] }>('live.points')).series[0];
    }
    const firstAfter = [...line!.t].findIndex((t) => t > stoppedAt);
    expect(Number.isNaN(line!.v[firstAfter] as number), 'a break right after the last point before Stop').toBe(true);
  });
});

describe('Live against an API that keeps the last day out of historical storage (as Nortech does)', () => {
  it('says the history could not be read, and goes on with what it polls', async () => {
    const lagging = await startEmulator({ apiKey: 'lag-key', coldStorageLag: '1d' });
    const other = await servicesOn(lagging, join(dir, 'lagging'));
    try {
      const seen: EventPayload<'live.update'>[] = [];
      other.events.subscribe((name, payload) => name === 'live.update' && void seen.push(payload as EventPayload<'live.update'>));
      const answer = await dispatch(other.handlers, 'catalog.signal', { connectionId: 'demo', id: 10178 }, { transport: 'ipc' });
      const signal = { ...(answer.ok ? (answer.value as SelectedSignal) : null)!, rename: 'v' };
      await dispatch(other.handlers, 'live.start', { connectionId: 'demo', signals: [signal], minutes: 5 }, { transport: 'ipc' });
      const failed = await until(() => seen.find((u) => u.status.history?.state === 'failed')?.status.history, 'the fill to fail');
      expect(failed).toMatchObject({ state: 'failed', error: { kind: 'no-data' } });
      const polled = await until(() => seen.find((u) => u.points.some((p) => p.t.length > 0)), 'a polled point');
      expect(polled.status.state).toEqual({ state: 'live' });
      expect(polled.points[0]!.t[0]).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      await other.close();
      await lagging.close();
    }
  });
});
