import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Schedule } from '../../src-preload/contract/schedules';
import { cliInProcess } from '../cli/testing/cli-in-process';
import { startEmulator, type Emulator } from '../emulator';
import { createScheduler } from './scheduler';
import { scheduleStore } from './schedule-store';
import { runTimes } from './schedule-rule';

/*
 * The scheduler with its clock in the test's hand and real runs: each run is the command line's
 * `run RECIPE --now AT` against the emulator, so a missed day is a file of that day. A daily
 * schedule missed for three days runs three times after a restart, oldest first, and a second
 * restart runs nothing; the timer is armed for the next morning.
 */

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'schedule-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-schedules-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const T = (iso: string) => Date.parse(iso);

async function setUp(name: string) {
  const dataDir = join(dir, name);
  const out = join(dataDir, 'out');
  const recipe = join(dir, `${name}.recipe.json`);
  await writeFile(
    recipe,
    JSON.stringify({
      kind: 'signal-explorer-recipe',
      version: 1,
      name,
      signals: [{ id: 10005, column: 'ambient' }],
      window: { start: 'now-1d/d', end: 'now-1d/d', timeZone: 'Europe/Lisbon' },
      format: 'csv',
      output: { folder: out, fileName: 'ambient-{start:yyyy-MM-dd}.csv' },
    }),
  );
  const store = scheduleStore(dataDir);
  const schedule: Schedule = {
    id: 's1',
    recipeId: 'r1',
    rule: { kind: 'daily', time: '06:00' },
    timeZone: 'Europe/Lisbon',
    enabled: true,
    createdAt: T('2025-03-28T12:00Z'),
    lastRunAt: null,
    lastError: null,
  };
  await store.put(schedule);
  return { store, out, recipe };
}

function host(recipe: string, clock: { now: number }) {
  const runs: string[] = [];
  const timers: number[] = [];
  const deps = {
    now: () => clock.now,
    sleep: async () => undefined,
    setTimer: (_fire: () => void, ms: number) => {
      timers.push(clock.now + ms);
      return () => undefined;
    },
    run: async (_s: Schedule, at: number) => {
      runs.push(new Date(at).toISOString());
      const r = await cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, [
        'run',
        recipe,
        '--now',
        new Date(at).toISOString(),
      ]);
      if (r.code !== 0) throw new Error(r.stderr);
    },
  };
  return { runs, timers, deps };
}

describe('the scheduler', () => {
  it('catches up a daily run missed for three days, each for its own day, and never a fourth', async () => {
    const { store, out, recipe } = await setUp('missed');
    const clock = { now: T('2025-03-31T08:00Z') };
    const first = host(recipe, clock);
    await createScheduler({ store, ...first.deps }).start();
    // 06:00 in Lisbon: UTC+0 until the change on 30 March, UTC+1 after.
    expect(first.runs).toEqual(['2025-03-29T06:00:00.000Z', '2025-03-30T05:00:00.000Z', '2025-03-31T05:00:00.000Z']);
    expect((await readdir(out)).filter((f) => f.endsWith('.csv'))).toEqual([
      'ambient-2025-03-28.csv',
      'ambient-2025-03-29.csv',
      'ambient-2025-03-30.csv',
    ]);
    expect(first.timers).toEqual([T('2025-04-01T05:00Z')]);
    expect((await store.list())[0]).toMatchObject({ lastRunAt: T('2025-03-31T05:00Z'), lastError: null });

    clock.now = T('2025-03-31T09:30Z');
    const second = host(recipe, clock);
    await createScheduler({ store, ...second.deps }).start();
    expect(second.runs).toEqual([]);
    expect(second.timers).toEqual([T('2025-04-01T05:00Z')]);
  });

  it('tries a failing run again with backoff, then gives it up and says so, once', async () => {
    const { store } = await setUp('failing');
    const waits: number[] = [];
    const failures: string[] = [];
    let tries = 0;
    const scheduler = createScheduler({
      store,
      now: () => T('2025-03-29T07:00Z'),
      sleep: async (ms) => void waits.push(ms),
      setTimer: () => () => undefined,
      run: async () => {
        tries++;
        throw new Error('Nortech answered 503');
      },
      onFailure: (s, at) => failures.push(`${s.id}@${new Date(at).toISOString()}`),
    });
    await scheduler.start();
    await scheduler.tick();
    expect([tries, waits, failures]).toEqual([4, [60_000, 120_000, 240_000], ['s1@2025-03-29T06:00:00.000Z']]);
    expect((await store.list())[0]).toMatchObject({ lastRunAt: T('2025-03-29T06:00Z'), lastError: 'Nortech answered 503' });
  });

  it('reads each kind of rule in its zone', () => {
    const after = T('2025-03-29T12:00Z');
    const until = T('2025-04-30T12:00Z');
    expect(runTimes({ kind: 'hourly', minute: 15 }, 'UTC', after, T('2025-03-29T14:00Z'))).toEqual([
      T('2025-03-29T12:15Z'),
      T('2025-03-29T13:15Z'),
    ]);
    expect(runTimes({ kind: 'weekly', day: 'monday', time: '07:30' }, 'Europe/Lisbon', after, T('2025-04-08T00:00Z'))).toEqual([
      T('2025-03-31T06:30Z'),
      T('2025-04-07T06:30Z'),
    ]);
    expect(runTimes({ kind: 'monthly', day: 'last', time: '23:00' }, 'UTC', after, until)).toEqual([T('2025-03-31T23:00Z')]);
    expect(runTimes({ kind: 'cron', expression: '0 0 1 * *' }, 'America/New_York', after, until)).toEqual([T('2025-04-01T04:00Z')]);
  });
});
