import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecipe } from '../../src-preload/contract/recipes';
import { memorySecretStore } from '../app/memory-secret-store';
import { cliInProcess } from '../cli/testing/cli-in-process';
import { createConnectionsService } from '../connections/service';
import { startEmulator, type Emulator } from '../emulator';
import { createExportStack } from '../exports/export-stack';
import type { MainPorts } from '../ports/main-ports';
import { createSettings } from '../settings/settings-service';
import { createRecipeHandlers } from './recipe-handlers';

/*
 * A recipe's conditions file (issue 26 §3: the periods "in recipes"): `export --conditions-output
 * --save-recipe` keeps it as a template beside the data file's; `run` writes the periods there, the
 * same bytes as `export --conditions-output`, skips a run whose files are whole and makes a missing
 * periods file again; the app's Run now writes it into History. Recipes without it read as before;
 * one without a condition is refused by name.
 */

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'recipe-conditions-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-recipe-conditions-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, argv);
const WINDOW = ['--start', '2025-03-01T00:00:00Z', '--end', '2025-03-01T02:00:00Z'];
const DERIVE = [
  '--signal-id',
  '10001',
  '--derive',
  'avg=rolling_mean(`10001`, 10m)',
  '--condition',
  'high=`10001` > avg for >= 5s',
  '--condition-stats',
  'high=10001',
];
const derivations = {
  derived: [{ name: 'avg', expression: 'rolling_mean(`10001`, 10m)' }],
  conditions: [{ name: 'high', expression: '`10001` > avg for >= 5s', statsOf: '10001' }],
};

describe("a recipe's conditions file", () => {
  let direct: string;

  it('is saved by --save-recipe, written by run beside the data file as export writes it, and made again when missing', async () => {
    const periods = join(dir, 'direct-periods.csv');
    expect(
      (await cli('export', ...DERIVE, ...WINDOW, '--format', 'csv', '-o', join(dir, 'direct.csv'), '--conditions-output', periods)).code,
    ).toBe(0);
    direct = await readFile(periods, 'utf8');
    expect(direct.split('\n').length).toBeGreaterThan(3);

    const recipe = join(dir, 'high.recipe.json');
    const folder = join(dir, 'runs');
    const saved = await cli(
      'export',
      ...DERIVE,
      ...WINDOW,
      '--format',
      'csv',
      '-o',
      join(folder, 'high-{start:yyyy-MM-dd}.csv'),
      '--conditions-output',
      join(folder, 'high-{start:yyyy-MM-dd}-periods.csv'),
      '--save-recipe',
      recipe,
    );
    expect([saved.code, saved.stderr]).toEqual([0, expect.stringContaining('Saved the recipe')]);
    expect(JSON.parse(await readFile(recipe, 'utf8')).output).toMatchObject({
      fileName: 'high-{start:yyyy-MM-dd}.csv',
      conditionsFileName: 'high-{start:yyyy-MM-dd}-periods.csv',
    });

    const ran = await cli('run', recipe);
    const outputs = [join(folder, 'high-2025-03-01.csv'), join(folder, 'high-2025-03-01-periods.csv')];
    expect([ran.code, ran.stdout]).toEqual([0, `${outputs.join('\n')}\n`]);
    expect(await readFile(outputs[1]!, 'utf8')).toBe(direct);

    // Whole: skipped. The periods file gone: the run is made again, and writes it.
    expect((await cli('run', recipe)).stderr).toContain('Skipped');
    await rm(outputs[1]!);
    const again = await cli('run', recipe);
    expect([again.code, again.stderr]).toEqual([0, expect.stringContaining('but its conditions file is missing: running "high" again')]);
    expect(await readFile(outputs[1]!, 'utf8')).toBe(direct);
  });

  it("is written by the app's Run now into History, in the file name's format", async () => {
    const ports: MainPorts = {
      mode: 'browser',
      version: 'test',
      platform: 'linux',
      dataDir: join(dir, 'data'),
      cacheDir: join(dir, 'cache'),
      secrets: memorySecretStore(),
      emit: () => undefined,
      saveTarget: { kind: 'dialog', choosePath: async () => null },
      demo: { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey },
    };
    const connections = createConnectionsService(ports);
    const stack = createExportStack(ports, connections, createSettings(ports.dataDir));
    const app = createRecipeHandlers({ ports, connections, service: stack.service });
    const ctx = { transport: 'http' } as const;
    try {
      const stored = await app.handlers['recipes.save'](
        {
          recipe: {
            kind: 'signal-explorer-recipe',
            version: 1,
            name: 'High',
            signals: [{ id: 10001 }],
            window: { start: '2025-03-01T00:00:00Z', end: '2025-03-01T02:00:00Z', timeZone: 'UTC', weekStart: 'monday' },
            format: 'csv',
            values: { kind: 'raw' },
            output: {
              folder: 'high',
              fileName: 'high-{start:yyyy-MM-dd}.csv',
              localTimeColumn: false,
              conditionsFileName: 'high-{start:yyyy-MM-dd}.json',
            },
            derivations,
          },
        },
        ctx,
      );
      const started = await app.handlers['recipes.run']({ id: stored.id }, ctx);
      if (started.outcome !== 'started') throw new Error(`not started: ${started.outcome}`);
      expect((await stack.service.wait(started.jobId)).stage).toBe('ready');
      const [entry] = await stack.history.list();
      expect(entry!.savedPaths.map((p) => p.split('/').pop())).toEqual(['high-2025-03-01.csv', 'high-2025-03-01.json']);
      const json = JSON.parse(await readFile(entry!.savedPaths[1]!, 'utf8')) as { timestamp: string; condition: string }[];
      const csvStarts = direct
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => Date.parse(l.split(',')[0]!));
      expect(json.map((p) => Date.parse(p.timestamp))).toEqual(csvStarts);
      expect(new Set(json.map((p) => p.condition))).toEqual(new Set(['high']));
    } finally {
      app.scheduler.stop();
      await stack.close();
    }
  });

  it('leaves recipes without it as they were, and refuses one without a condition by name', () => {
    const base = {
      kind: 'signal-explorer-recipe',
      version: 1,
      name: 'Plain',
      signals: [{ id: 10001 }],
      window: { start: 'now-1d/d', end: 'now-1d/d' },
      output: { folder: 'x', fileName: 'plain-{start:yyyy-MM-dd}.csv' },
    };
    const plain = readRecipe(base);
    expect(plain.ok && plain.recipe.output.conditionsFileName).toBe(undefined);
    expect(readRecipe({ ...base, output: { ...base.output, conditionsFileName: 'p-{start:yyyy-MM-dd}.csv' } })).toEqual({
      ok: false,
      issues: ['output.conditionsFileName: A conditions file needs a condition: add one, or leave the file out'],
    });
    expect(readRecipe({ ...base, derivations, output: { ...base.output, conditionsFileName: 'plain-{start:yyyy-MM-dd}.csv' } })).toEqual({
      ok: false,
      issues: ['output.conditionsFileName: The conditions file needs a name of its own'],
    });
    expect(readRecipe({ ...base, derivations, output: { ...base.output, conditionsFileName: 'p.txt' } })).toMatchObject({
      ok: false,
      issues: [expect.stringMatching(/^output\.conditionsFileName: The name must end in/)],
    });
  });
});
