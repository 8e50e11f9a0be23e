import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './testing/cli-in-process';
import { startEmulator, type Emulator } from '../emulator';

/*
 * Derived signals and conditions through the export session, from the command line: a chunked
 * export (each chunk asked with its lead-in, derived in its own worker task, periods joined across
 * chunks) gives the same file and the same periods as one with other chunk borders, and the derived
 * column is what the expression says of the exported signal.
 */

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'derive-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-derive-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const WINDOW = ['--start', '2025-03-01T00:00:00Z', '--end', '2025-03-02T12:00:00Z'];
const DERIVE = [
  '--signal-id',
  '10001',
  '--derive',
  'avg=rolling_mean(`10001`, 10m)',
  '--derive',
  'twice=2 * `10001`',
  '--condition',
  'high=`10001` > avg for >= 1m',
  '--condition-stats',
  'high=10001',
];
const run = (...argv: string[]) => cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, ['export', ...argv]);

describe('derived signals and conditions from the command line', () => {
  it('a chunked export derives across chunk borders exactly as one with other borders', async () => {
    const files = [];
    for (const target of ['10000', '1000000']) {
      const out = join(dir, `d${target}.csv`);
      const periods = join(dir, `p${target}.csv`);
      const r = await run(...DERIVE, ...WINDOW, '--format', 'csv', '--target-rows', target, '-o', out, '--conditions-output', periods);
      expect([r.code, r.stderr]).toEqual([0, expect.stringMatching(/Saved 129600 rows/)]);
      files.push({ data: await readFile(out, 'utf8'), periods: await readFile(periods, 'utf8'), stderr: r.stderr });
    }
    const [many, few] = files;
    expect(many!.stderr).toMatch(/in (1\d|[2-9]\d) chunk\(s\)/);
    expect(many!.data).toBe(few!.data);
    expect(many!.periods).toBe(few!.periods);

    const lines = many!.data.trimEnd().split('\n');
    expect(lines[0]).toBe('timestamp,10001,avg,twice');
    const rows = lines.slice(1).map((l) => l.split(',').slice(1).map(Number));
    // The rolling mean of the last 10 minutes (600 one-second rows), computed here from the file's own column.
    for (const i of [0, 599, 600, 86_399, 86_400, 129_599]) {
      const from = Math.max(0, i - 599);
      const window = rows.slice(from, i + 1).map((r) => r[0]!);
      expect(rows[i]![1]).toBeCloseTo(window.reduce((a, b) => a + b, 0) / window.length, 9);
      expect(rows[i]![2]).toBe(2 * rows[i]![0]!);
    }

    const periodLines = many!.periods.trimEnd().split('\n');
    expect(periodLines[0]).toBe('timestamp,condition,end,duration_s,min,max,mean,ended_by');
    expect(periodLines.length).toBeGreaterThan(2);
    for (const line of periodLines.slice(1)) {
      const [start, name, end, duration] = line.split(',');
      expect(name).toBe('high');
      expect((Date.parse(end!) - Date.parse(start!)) / 1000).toBe(Number(duration));
      expect(Number(duration)).toBeGreaterThanOrEqual(60);
    }
  });

  it('names a wrong expression with its place, before asking Nortech anything', async () => {
    const before = emulator.dataRequests.length;
    const r = await run('--signal-id', '10001', '--derive', 'x=rollin_mean(`10001`, 1m)', ...WINDOW, '-o', join(dir, 'bad.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/derivations\.derived\.0\.expression: unknown function "rollin_mean" at position 0/);
    expect(emulator.dataRequests.length).toBe(before);
  });
});
