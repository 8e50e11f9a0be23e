import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memorySecretStore } from '../app/memory-secret-store';
import { createConnectionsService } from '../connections/service';
import { startEmulator, type Emulator } from '../emulator';
import { createExportStack } from '../exports/export-stack';
import type { MainPorts } from '../ports/main-ports';
import type { Recipe } from '../../src-preload/contract/recipes';
import { createSettings } from '../settings/settings-service';
import { createRecipeHandlers } from './recipe-handlers';
import { cliInProcess } from '../cli/testing/cli-in-process';

/*
 * The app's recipes and schedules as the main process composes them (the real export stack and
 * History, the demo connection on the emulator), with the clock in the test's hand: a recipe saved
 * and scheduled daily, the app closed for three days, then started again: three runs, each a job in
 * History with its window and its file; started once more: none.
 */

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'recipes-app-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-recipes-app-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const T = (iso: string) => Date.parse(iso);
const ctx = { transport: 'http' } as const;

function startApp(clock: { now: number }, folder = 'data') {
  const ports: MainPorts = {
    mode: 'browser',
    version: 'test',
    platform: 'linux',
    dataDir: join(dir, folder),
    cacheDir: join(dir, `${folder}-cache`),
    secrets: memorySecretStore(),
    emit: () => undefined,
    saveTarget: { kind: 'dialog', choosePath: async () => null },
    demo: { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey },
  };
  const connections = createConnectionsService(ports);
  const stack = createExportStack(ports, connections, createSettings(ports.dataDir));
  const app = createRecipeHandlers({ ports, connections, service: stack.service, now: () => clock.now });
  return {
    ...app,
    history: stack.history,
    close: async () => {
      app.scheduler.stop();
      await stack.close();
    },
  };
}

describe('recipes and schedules in the app', () => {
  it('catches up three missed days after a restart, into History, and no fourth', async () => {
    const clock = { now: T('2025-03-28T12:00Z') };
    const first = startApp(clock);
    const saved = await first.handlers['recipes.save'](
      {
        recipe: {
          kind: 'signal-explorer-recipe',
          version: 1,
          name: 'Ambient yesterday',
          signals: [{ id: 10005, column: 'ambient' }],
          window: { start: 'now-1d/d', end: 'now-1d/d', timeZone: 'Europe/Lisbon', weekStart: 'monday' },
          format: 'csv',
          values: { kind: 'raw' },
          output: { folder: 'daily', fileName: 'ambient-{start:yyyy-MM-dd}.csv', localTimeColumn: false },
          derivations: { derived: [{ name: 'avg', expression: 'rolling_mean(ambient, 10m)' }], conditions: [] },
        },
      },
      ctx,
    );
    await first.handlers['schedules.save'](
      {
        recipeId: saved.id,
        rule: { kind: 'daily', time: '06:00' },
        timeZone: 'Europe/Lisbon',
        enabled: true,
      },
      ctx,
    );
    await first.scheduler.tick();
    expect(await first.history.list()).toEqual([]);
    await first.close();

    clock.now = T('2025-03-31T08:00Z');
    const second = startApp(clock);
    await second.scheduler.start();
    const entries = (await second.history.list()).reverse();
    expect(entries.map((e) => [e.outcome, e.request.timeWindow.start, e.savedPaths.map((p) => p.split('/').pop())])).toEqual([
      ['ready', '2025-03-28T00:00:00.000Z', ['ambient-2025-03-28.csv']],
      ['ready', '2025-03-29T00:00:00.000Z', ['ambient-2025-03-29.csv']],
      ['ready', '2025-03-30T00:00:00.000Z', ['ambient-2025-03-30.csv']],
    ]);
    expect((await second.handlers['schedules.list'](undefined, ctx))[0]).toMatchObject({
      lastRunAt: T('2025-03-31T05:00Z'),
      lastError: null,
    });
    // Run by hand for the same window: the file's record matches, nothing is asked again.
    expect(await second.handlers['recipes.run']({ id: saved.id }, ctx)).toMatchObject({ outcome: 'skipped' });
    const [schedule] = await second.handlers['schedules.list'](undefined, ctx);
    const outside = await second.handlers['recipes.outside']({ id: saved.id, scheduleId: schedule!.id }, ctx);
    expect(outside.cron).toBe(`CRON_TZ=Europe/Lisbon\n0 6 * * * npm run -s cli -- run ${outside.recipeFile}`);
    // The file it names is a recipe the command line runs, into the app's folder: that day is there already.
    const r = await cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, [
      'run',
      outside.recipeFile,
      '--now',
      '2025-03-31T08:00Z',
    ]);
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('Skipped')]);
    // It carries the derived signal (the app's runs wrote its column): `run` reads it from the file.
    expect(JSON.parse(await readFile(outside.recipeFile, 'utf8')).derivations.derived).toEqual([
      { name: 'avg', expression: 'rolling_mean(ambient, 10m)' },
    ]);
    expect((await readFile(entries[0]!.savedPaths[0]!, 'utf8')).split('\n')[0]).toBe('timestamp,ambient,avg');
    await second.close();

    const third = startApp(clock);
    await third.scheduler.start();
    expect(await third.history.list()).toHaveLength(3);
    await third.close();
  });

  it('edits: a renamed recipe keeps its schedules; a paused, resumed or changed schedule does not run its past', async () => {
    const clock = { now: T('2025-04-10T12:00Z') };
    const app = startApp(clock, 'edits');
    const recipe: Recipe = {
      kind: 'signal-explorer-recipe',
      version: 1,
      name: 'Ambient',
      signals: [{ id: 10005, column: 'ambient' }],
      window: { start: 'now-1h/h', end: 'now-1h/h', timeZone: 'UTC', weekStart: 'monday' },
      format: 'csv',
      values: { kind: 'raw' },
      output: { folder: 'edits', fileName: 'ambient-{start:yyyy-MM-dd-HH}.csv', localTimeColumn: false },
    };
    const saved = await app.handlers['recipes.save']({ recipe }, ctx);
    const daily = { recipeId: saved.id, rule: { kind: 'daily', time: '06:00' }, timeZone: 'UTC', enabled: true } as const;
    const schedule = await app.handlers['schedules.save'](daily, ctx);

    // Paused before its first run, resumed two days later: the paused days are not caught up.
    clock.now = T('2025-04-11T05:00Z');
    await app.handlers['schedules.save']({ ...daily, id: schedule.id, enabled: false }, ctx);
    clock.now = T('2025-04-13T07:00Z');
    await app.scheduler.tick();
    const resumed = await app.handlers['schedules.save']({ ...daily, id: schedule.id, enabled: true }, ctx);
    await app.scheduler.tick();
    expect(resumed).toMatchObject({ createdAt: T('2025-04-10T12:00Z'), activeSince: T('2025-04-13T07:00Z'), lastRunAt: null });
    expect(await app.history.list()).toEqual([]);

    // Hourly at :30 from 07:00: the earlier half-hours of the day are not run, 07:30 is.
    await app.handlers['schedules.save']({ ...daily, id: schedule.id, rule: { kind: 'hourly', minute: 30 } }, ctx);
    await app.scheduler.tick();
    expect(await app.history.list()).toEqual([]);
    clock.now = T('2025-04-13T07:45Z');
    await app.scheduler.tick();
    const runs = await app.history.list();
    expect(runs.map((e) => [e.outcome, e.request.timeWindow.start])).toEqual([['ready', '2025-04-13T06:00:00.000Z']]);

    // A renamed recipe is the same recipe: its schedule stays, and runs it under its new name.
    const renamed = await app.handlers['recipes.save']({ id: saved.id, recipe: { ...recipe, name: 'Ambient, hourly' } }, ctx);
    expect(renamed.id).toBe(saved.id);
    expect((await app.handlers['recipes.list'](undefined, ctx)).map((r) => r.recipe.name)).toEqual(['Ambient, hourly']);
    expect((await app.handlers['schedules.list'](undefined, ctx)).map((s) => [s.recipeId, s.rule.kind])).toEqual([[saved.id, 'hourly']]);
    await expect(app.handlers['recipes.save']({ id: 'gone', recipe }, ctx)).rejects.toThrow('That recipe no longer exists.');
    await app.close();
  });
});
