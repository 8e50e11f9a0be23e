import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator';
import { cliInProcess } from './testing/cli-in-process';

/*
 * #24 case 5: a dataset folder that holds another export's dataset is refused, replaced with
 * --overwrite, or added to with --append where their days do not overlap; never mixed silently
 * (before: 3 days then 1 day into one folder read as 345,600 rows of 259,200 timestamps).
 */

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'dataset-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-dataset-folder-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const run = (out: string, start: string, end: string, ...extra: string[]) =>
  cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, [
    'export',
    '--signal-id',
    '10001',
    '--start',
    start,
    '--end',
    end,
    '--layout',
    'dataset',
    '-o',
    out,
    ...extra,
  ]);

/** Every parquet file in the folder, and every part its records list. */
async function listing(folder: string) {
  const files: string[] = [];
  for (const day of (await readdir(folder)).filter((d) => d.startsWith('date='))) {
    for (const f of await readdir(join(folder, day))) files.push(`${day}/${f}`);
  }
  const listed: string[] = [];
  for (const r of (await readdir(folder)).filter((f) => f.endsWith('.json'))) {
    const record = JSON.parse(await readFile(join(folder, r), 'utf8')) as { parts: { file: string }[] };
    listed.push(...record.parts.map((p) => p.file));
  }
  return { files: files.sort(), listed: listed.sort() };
}

describe('a dataset folder that holds another export', () => {
  it('is refused, appended to only without overlap, or replaced; never mixed', async () => {
    const out = join(dir, 'year');
    expect((await run(out, '2025-03-01T00:00Z', '2025-03-03T00:00Z')).code).toBe(0);
    const before = await listing(out);
    expect(before.files.length).toBeGreaterThan(0);
    expect(before.listed).toEqual(before.files);

    // The same export again is its own (a rerun): allowed.
    expect((await run(out, '2025-03-01T00:00Z', '2025-03-03T00:00Z')).code).toBe(0);

    const other = await run(out, '2025-03-02T00:00Z', '2025-03-03T00:00Z');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("holds another export's dataset (export.json: 1 signal(s), 2025-03-01T00:00:00.000Z to 2025-03-03");
    expect(other.stderr).toContain('--overwrite');
    expect(await listing(out)).toEqual(before);

    const overlapping = await run(out, '2025-03-02T12:00Z', '2025-03-04T00:00Z', '--append');
    expect({ code: overlapping.code, stderr: overlapping.stderr }).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/days overlap/),
    });
    expect(await listing(out)).toEqual(before);

    const appended = await run(out, '2025-03-05T00:00Z', '2025-03-06T00:00Z', '--append');
    expect(appended.code).toBe(0);
    const both = await listing(out);
    expect(both.files.filter((f) => f.startsWith('date=2025-03-05/')).length).toBeGreaterThan(0);
    expect(both.files.filter((f) => !f.startsWith('date=2025-03-05/'))).toEqual(before.files);
    expect(both.listed).toEqual(both.files);
    expect(await readdir(out)).toContain('export.2025-03-05.json');

    const replaced = await run(out, '2025-03-02T00:00Z', '2025-03-03T00:00Z', '--overwrite');
    expect(replaced.code).toBe(0);
    const after = await listing(out);
    expect(after.files.length).toBeGreaterThan(0);
    expect(after.files.every((f) => f.startsWith('date=2025-03-02/'))).toBe(true);
    expect(after.listed).toEqual(after.files);
  }, 60_000);
});
