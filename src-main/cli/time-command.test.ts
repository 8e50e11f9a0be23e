import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator';
import { ExportRecord } from '../exports/save/export-record';
import { PlanFile } from '../exports/plan/plan-file';
import { parseCliArgs } from './args';
import { cliInProcess } from './testing/cli-in-process';

const NOW = ['--now', '2024-06-15T12:34:56.789Z']; // a Saturday
const time = (...argv: string[]) => cliInProcess({ apiUrl: 'http://127.0.0.1:9' }, ['time', ...argv]);

describe('cli time', () => {
  it.each([
    [['now-1d/d', ...NOW], '2024-06-14T00:00:00.000Z'],
    [['now-1d/d', '--end', ...NOW], '2024-06-14T23:59:59.999Z'],
    [['now/d', '--end', ...NOW, '--tz', 'Europe/Lisbon'], '2024-06-15T22:59:59.999Z'],
    [['now/w', ...NOW], '2024-06-10T00:00:00.000Z'],
    [['now/w', ...NOW, '--week-start', 'sunday'], '2024-06-09T00:00:00.000Z'],
    [['now/w', ...NOW, '--week-start', 'Saturday'], '2024-06-15T00:00:00.000Z'],
    [['now-1M/M', '--end', '--now', '2024-03-31T12:00Z'], '2024-02-29T23:59:59.999Z'],
    [['2024-03-01T00:00Z||+1M/d', '--tz', 'Europe/Lisbon'], '2024-03-31T23:00:00.000Z'],
    // --now without an offset is read in --tz; an expression may come in words.
    [['--tz', 'Asia/Tokyo', 'now', '-', '1d', '/d', '--now', '2024-06-15 08:00'], '2024-06-13T15:00:00.000Z'],
  ])('time %j', async (argv, iso) => {
    expect(await time(...argv)).toEqual({ code: 0, stdout: `${iso}\n`, stderr: '' });
  });

  it('resolves now on the real clock without --now', async () => {
    const before = Date.now();
    const r = await time('now-1h');
    expect(r.code).toBe(0);
    const ms = Date.parse(r.stdout.trim());
    expect(ms).toBeGreaterThanOrEqual(before - 3_600_000 - 1000);
    expect(ms).toBeLessThanOrEqual(Date.now() - 3_600_000);
  });

  it('exits 2 with the message, pointing at the bad character', async () => {
    const r = await time('now-1x', ...NOW);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      'unknown unit "x" at position 5: units are s, m, h, d, w, M (months) or y\n  now-1x\n       ^\nRun with --help for usage.\n',
    );
    expect(await time('2024-02-30')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('February 2024 has no day 30 at position 8'),
    });
    expect(await time()).toMatchObject({ code: 2, stderr: expect.stringContaining('time: give the expression') });
    expect(await time('now', '--now', 'now-1d')).toMatchObject({ code: 2, stderr: expect.stringContaining('--now: a fixed time') });
    expect(await time('now', '--now', '2024-13-01')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--now: there is no month 13'),
    });
    expect(await time('now', '--tz', 'Mars/Base')).toMatchObject({ code: 2, stderr: expect.stringContaining('--tz') });
    expect(await time('now', '--week-start', 'funday')).toMatchObject({ code: 2, stderr: expect.stringContaining('--week-start: a day') });
    expect(await time('now', '--output', 'x')).toMatchObject({ code: 2, stderr: expect.stringContaining("'--output'") });
  });

  it('leaves --end a time for export and plan, and reads --now and --week-start there', () => {
    const env = { apiUrl: 'https://api.apps.nor.tech', apiKey: 'k' };
    const args = parseCliArgs(['export', '--signal-id', '3', '--start', 'now-1w/w', '--end', 'now-1w/w', '-o', 'x.csv', ...NOW], env);
    expect(args).toMatchObject({ end: 'now-1w/w', now: NOW[1], weekStart: 'monday' });
    expect(parseCliArgs(['plan', '--signal-id', '3', '--start', 'now', '-o', 'p.json', '--week-start', 'sunday'], env)).toMatchObject({
      weekStart: 'sunday',
    });
  });
});

describe('export and plan at --now', () => {
  let emulator: Emulator;
  let dir: string;
  beforeAll(async () => {
    emulator = await startEmulator({ apiKey: 'time-key' });
    dir = await mkdtemp(join(tmpdir(), 'se-cli-time-'));
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });
  const cli = (...argv: string[]) => cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, argv);

  it('exports the hour a rounded window names at --now, whenever it runs', async () => {
    const out = join(dir, 'hour.csv');
    const r = await cli(
      'export',
      '--signal-id',
      '10001',
      '--start',
      'now-1h/h',
      '--end',
      'now-1h/h',
      '--now',
      '2025-05-01T02:30Z',
      '-o',
      out,
    );
    expect([r.code, r.stdout]).toEqual([0, `${out}\n`]);
    const record = ExportRecord.parse(JSON.parse(await readFile(`${out}.export.json`, 'utf8')));
    expect(record.request.timeWindow).toEqual({ start: '2025-05-01T01:00:00.000Z', end: '2025-05-01T02:00:00.000Z' });
    // One-second data: the hour, not an instant more.
    expect(record.rowCount).toBe(3600);
  });

  it('plans the previous week of --week-start in --tz', async () => {
    const out = join(dir, 'week.plan.json');
    const r = await cli(
      'plan',
      '--signal-id',
      '10001',
      '--start',
      'now-1w/w',
      '--end',
      'now-1w/w',
      '--now',
      '2025-05-07T12:00Z',
      '--week-start',
      'sunday',
      '--tz',
      'America/New_York',
      '-o',
      out,
    );
    expect(r.code).toBe(0);
    const plan = PlanFile.parse(JSON.parse(await readFile(out, 'utf8')));
    // Sunday 27 April to Sunday 4 May, midnight in New York (EDT, UTC-4).
    expect(plan.request.timeWindow).toEqual({ start: '2025-04-27T04:00:00.000Z', end: '2025-05-04T04:00:00.000Z' });
  });

  it('points at a bad --start or --end, exit 2', async () => {
    const r = await cli('export', '--signal-id', '10001', '--start', 'now-1d', '--end', 'now-1q', '-o', join(dir, 'never.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--end: unknown unit "q" at position 5');
    expect(r.stderr).toContain('  now-1q\n       ^');
  });
});
