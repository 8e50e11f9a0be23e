import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './testing/cli-in-process';
import { startEmulator, type Emulator } from '../emulator';
import { ExportRecord } from '../exports/save/export-record';

/*
 * `run RECIPE…` against the emulator: a "yesterday" recipe in Lisbon on consecutive days, across
 * both of 2025's daylight-saving changes, gives one file a day with exactly that day's rows; a run
 * for a window already saved is skipped, --overwrite makes it again; a recipe of another version
 * or with an unknown field is refused; `export --save-recipe` and an export's record run again; a
 * recipe's derived signal gives the column `export --derive` gives.
 */

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'recipe-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-recipes-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, argv);

const yesterday = (folder: string) => ({
  kind: 'signal-explorer-recipe',
  version: 1,
  name: 'Ambient yesterday',
  // One-minute samples: a day is about 1,440 rows.
  signals: [{ id: 10005, column: 'ambient' }],
  window: { start: 'now-1d/d', end: 'now-1d/d', timeZone: 'Europe/Lisbon' },
  format: 'csv',
  output: { folder, fileName: 'ambient-{start:yyyy-MM-dd}.csv' },
});

async function writeRecipe(name: string, recipe: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(recipe));
  return path;
}

/** The timestamps of a csv the app wrote (the first column), as epoch ms. */
async function times(path: string): Promise<number[]> {
  const lines = (await readFile(path, 'utf8')).trim().split('\n').slice(1);
  return lines.map((l) => Date.parse(l.split(',')[0]!));
}

/** The rows Nortech itself has for a window: one request to the emulator for exactly it. */
async function emulatorRows(start: string, end: string): Promise<number> {
  const res = await fetch(`${emulator.baseUrl}/api/v1/historical-data/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ signals: [10005], timeWindow: { start, end }, format: 'csv' }),
  });
  const { outputFile } = (await res.json()) as { outputFile: string };
  return (await (await fetch(outputFile)).text()).trim().split('\n').length - 1;
}

describe('run RECIPE', () => {
  it("gives yesterday's rows each day, on 24-, 23- and 25-hour days in Lisbon", async () => {
    const out = join(dir, 'daily');
    const recipe = await writeRecipe('yesterday.json', yesterday(out));
    const days = [
      // --now, the file, Lisbon's midnights around yesterday (UTC+0 in winter, UTC+1 in summer), its hours
      ['2025-03-30T06:00Z', '2025-03-29', '2025-03-29T00:00:00.000Z', '2025-03-30T00:00:00.000Z', 24],
      ['2025-03-31T06:00Z', '2025-03-30', '2025-03-30T00:00:00.000Z', '2025-03-30T23:00:00.000Z', 23],
      ['2025-10-27T06:00Z', '2025-10-26', '2025-10-25T23:00:00.000Z', '2025-10-27T00:00:00.000Z', 25],
    ] as const;
    for (const [now, date, start, end, hours] of days) {
      const r = await cli('run', recipe, '--now', now);
      const file = join(out, `ambient-${date}.csv`);
      expect([r.code, r.stdout, r.stderr]).toEqual([0, `${file}\n`, expect.stringContaining('Saved')]);
      expect(Date.parse(end) - Date.parse(start)).toBe(hours * 3_600_000);
      const t = await times(file);
      expect(t.length).toBe(await emulatorRows(start, end));
      expect(t.length).toBeGreaterThan(hours * 60 * 0.5);
      expect(Math.min(...t)).toBeGreaterThanOrEqual(Date.parse(start));
      expect(Math.max(...t)).toBeLessThan(Date.parse(end));
      const record = ExportRecord.parse(JSON.parse(await readFile(`${file}.export.json`, 'utf8')));
      expect(record.request.timeWindow).toEqual({ start, end });
      expect(record.written?.window).toMatchObject({ start: 'now-1d/d', end: 'now-1d/d', timeZone: 'Europe/Lisbon' });
    }
  });

  it('skips an output whose record matches, and makes it again with --overwrite', async () => {
    const out = join(dir, 'twice');
    const recipe = await writeRecipe('twice.json', yesterday(out));
    const file = join(out, 'ambient-2025-03-30.csv');
    expect((await cli('run', recipe, '--now', '2025-03-31T06:00Z')).code).toBe(0);
    const first = await stat(file);
    const again = await cli('run', recipe, '--now', '2025-03-31T12:00Z');
    expect([again.code, again.stdout]).toEqual([0, `${file}\n`]);
    expect(again.stderr).toMatch(/Skipped "Ambient yesterday".*export record matches/);
    expect((await stat(file)).mtimeMs).toBe(first.mtimeMs);
    // A file changed since its record was written is not taken for the run's.
    await writeFile(file, 'time,ambient\n');
    const changed = await cli('run', recipe, '--now', '2025-03-31T06:00Z');
    expect([changed.code, changed.stderr]).toEqual([2, expect.stringMatching(/changed since its record.*--overwrite/s)]);
    const redone = await cli('run', recipe, '--now', '2025-03-31T06:00Z', '--overwrite');
    expect([redone.code, redone.stderr]).toEqual([0, expect.stringContaining('Running "Ambient yesterday"')]);
    expect((await times(file)).length).toBe(await emulatorRows('2025-03-30T00:00:00.000Z', '2025-03-30T23:00:00.000Z'));
  });

  it('refuses an unknown version or field by name, and runs the other recipes', async () => {
    const newer = await writeRecipe('newer.json', { ...yesterday(dir), version: 2 });
    const typo = await writeRecipe('typo.json', { ...yesterday(dir), window: { start: 'now-1d/d', ned: 'now' } });
    const good = await writeRecipe('good.json', yesterday(join(dir, 'good')));
    const r = await cli('run', newer, typo, good, '--now', '2025-03-31T06:00Z');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('version: 2 is not a recipe version this app reads (it reads version 1)');
    expect(r.stderr).toContain('window: unknown field "ned"');
    expect(r.stdout).toBe(`${join(dir, 'good', 'ambient-2025-03-30.csv')}\n`);
  });

  it('saves an export as a recipe, and runs an export record again for its relative window', async () => {
    const recipe = join(dir, 'saved.recipe.json');
    const output = join(dir, 'saved', 'press-{start:yyyy-MM-dd}.csv');
    const saved = await cli(
      'export',
      '--signal-id',
      '10005',
      '--start',
      'now-1d/d',
      '--end',
      'now-1d/d',
      '--tz',
      'Europe/Lisbon',
      '--format',
      'csv',
      '-o',
      output,
      '--save-recipe',
      recipe,
    );
    expect([saved.code, saved.stdout]).toEqual([0, `${recipe}\n`]);
    const run = await cli('run', recipe, '--now', '2025-10-27T06:00Z');
    expect([run.code, run.stdout]).toEqual([0, `${join(dir, 'saved', 'press-2025-10-26.csv')}\n`]);

    const plain = join(dir, 'plain.csv');
    expect(
      (await cli('export', '--signal-id', '10005', '--start', 'now-1d/d', '--end', 'now-1d/d', '--now', '2025-03-30T06:00Z', '-o', plain))
        .code,
    ).toBe(0);
    // The record's relative window, at a later --now, into the same name: another window, so not skipped.
    const later = await cli('run', `${plain}.export.json`, '--now', '2025-03-31T06:00Z', '--overwrite');
    expect(later.code).toBe(0);
    const record = ExportRecord.parse(JSON.parse(await readFile(`${plain}.export.json`, 'utf8')));
    expect(record.request.timeWindow).toEqual({ start: '2025-03-30T00:00:00.000Z', end: '2025-03-31T00:00:00.000Z' });
  });

  it("carries derived signals: a recipe's rolling mean, written or saved by export --save-recipe, is export --derive's column", async () => {
    const derive = 'avg=rolling_mean(`10005`, 10m)';
    const window = ['--start', '2025-03-29T00:00:00Z', '--end', '2025-03-29T06:00:00Z'];
    const direct = join(dir, 'derived-direct.csv');
    expect((await cli('export', '--signal-id', '10005', ...window, '--format', 'csv', '--derive', derive, '-o', direct)).code).toBe(0);
    const columns = async (path: string) => {
      const [head, ...rows] = (await readFile(path, 'utf8')).trim().split('\n');
      return { head, avg: rows.map((r) => r.split(',')[2]), raw: rows.map((r) => r.split(',')[1]) };
    };
    const want = await columns(direct);
    expect(want.head).toBe('timestamp,10005,avg');
    // A real rolling mean: as many values as rows, not the signal itself.
    expect(want.avg.length).toBeGreaterThan(300);
    expect(want.avg.every((v) => v !== undefined && v !== '')).toBe(true);
    expect(want.avg).not.toEqual(want.raw);

    const written = await writeRecipe('derived.json', {
      kind: 'signal-explorer-recipe',
      version: 1,
      name: 'Ambient mean',
      signals: [{ id: 10005 }],
      window: { start: '2025-03-29T00:00:00Z', end: '2025-03-29T06:00:00Z' },
      format: 'csv',
      output: { folder: join(dir, 'derived-run'), fileName: 'mean-{start:yyyy-MM-dd}.csv' },
      derivations: { derived: [{ name: 'avg', expression: 'rolling_mean(`10005`, 10m)' }] },
    });
    const ran = await cli('run', written);
    expect(ran.code).toBe(0);
    expect(await columns(join(dir, 'derived-run', 'mean-2025-03-29.csv'))).toEqual(want);

    const saved = join(dir, 'derived-saved.recipe.json');
    const output = join(dir, 'derived-saved', 'saved-{start:yyyy-MM-dd}.csv');
    const save = await cli(
      'export',
      '--signal-id',
      '10005',
      ...window,
      '--format',
      'csv',
      '--derive',
      derive,
      '-o',
      output,
      '--save-recipe',
      saved,
    );
    expect(save.code).toBe(0);
    expect(JSON.parse(await readFile(saved, 'utf8')).derivations).toEqual({
      derived: [{ name: 'avg', expression: 'rolling_mean(`10005`, 10m)' }],
      conditions: [],
    });
    expect((await cli('run', saved)).code).toBe(0);
    expect(await columns(join(dir, 'derived-saved', 'saved-2025-03-29.csv'))).toEqual(want);
  });
});
