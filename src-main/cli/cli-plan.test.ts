import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './testing/cli-in-process';
import { startEmulator, type Emulator } from '../emulator';
import { PlanFile } from '../exports/plan/plan-file';
import { ExportRecord } from '../exports/save/export-record';
import { bucketGrid } from '../transform/bucket-grid';

/*
 * Plan files against the emulator: an aggregated plan cut on whole intervals of its zone and run
 * into the rows of the export run directly; a plan edited by hand (a border inside an interval, a
 * signal's ID beside another signal's path) refused before Nortech is asked for data.
 */

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: 'plan-key' });
  dir = await mkdtemp(join(tmpdir(), 'se-plan-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const run = (...argv: string[]) => cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, argv);
const lines = async (path: string) => (await readFile(path, 'utf8')).trim().split('\n').length - 1;
const readPlan = async (path: string) => PlanFile.parse(JSON.parse(await readFile(path, 'utf8')));

// A 60 s signal, hourly means in a zone 5:30 off UTC: hour borders fall at :30 UTC.
const AGG = [
  '--signal-id',
  '10005',
  '--start',
  '2025-03-01T00:00Z',
  '--end',
  '2025-03-04T00:00Z',
  '--every',
  '1h',
  '--agg',
  'mean',
  '--tz',
  'Asia/Kolkata',
];

describe('plan files', () => {
  let planPath: string;
  beforeAll(async () => {
    planPath = join(dir, 'agg.plan.json');
    const r = await run('plan', ...AGG, '--target-rows', '1000', '-o', planPath);
    expect(r.code, r.stderr).toBe(0);
  });

  it('cuts an aggregated plan on whole intervals in its zone, and runs it into the rows of the direct export', async () => {
    const plan = await readPlan(planPath);
    expect(plan.chunks.length).toBeGreaterThanOrEqual(3);
    const grid = bucketGrid('1h', 'Asia/Kolkata');
    for (const c of plan.chunks) for (const t of [Date.parse(c.start), Date.parse(c.end)]) expect(grid.floor(t)).toBe(t);

    const direct = join(dir, 'direct.csv');
    const planned = join(dir, 'planned.csv');
    expect((await run('export', ...AGG, '--format', 'csv', '-o', direct)).code).toBe(0);
    const r = await run('export', '--plan', planPath, '--format', 'csv', '--tz', 'Asia/Kolkata', '-o', planned);
    expect(r.code, r.stderr).toBe(0);
    expect(await lines(planned)).toBe(await lines(direct));
    expect(await readFile(planned, 'utf8')).toBe(await readFile(direct, 'utf8'));
  });

  it('refuses a plan whose chunk borders fall inside an interval, naming the chunk', async () => {
    const plan = await readPlan(planPath);
    // Moved by 25 minutes, still tiling the window: only the grid is wrong.
    const moved = new Date(Date.parse(plan.chunks[1]!.end) + 25 * 60_000).toISOString();
    plan.chunks[1]!.end = moved;
    plan.chunks[2]!.start = moved;
    const edited = join(dir, 'off-grid.plan.json');
    await writeFile(edited, JSON.stringify(plan));
    const before = emulator.dataRequests.length;
    const out = join(dir, 'off-grid.csv');
    const r = await run('export', '--plan', edited, '--format', 'csv', '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('chunk 1 (');
    expect(r.stderr).toContain('whole 1h intervals in Asia/Kolkata');
    expect(emulator.dataRequests.length).toBe(before);
  });

  it("refuses a plan that names a signal's ID beside another signal's path, saying the ID is what is asked for", async () => {
    const plan = await readPlan(planPath);
    // 10005 is the nacelle's ambient temperature; the path and column are the gearbox oil's (10012).
    plan.request.signals[0] = { ...plan.request.signals[0]!, name: 'Gearbox Oil Temperature', rename: 'gearbox_oil' };
    plan.request.signals[0].unit = { ...plan.request.signals[0].unit, name: 'Drivetrain' };
    const edited = join(dir, 'contradiction.plan.json');
    await writeFile(edited, JSON.stringify(plan));
    const before = emulator.dataRequests.length;
    const r = await run('export', '--plan', edited, '--format', 'csv', '-o', join(dir, 'contradiction.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /signal 10005 \(column "gearbox_oil"\): the plan says .*Drivetrain \/ Gearbox Oil Temperature, Nortech says .*Nacelle \/ Ambient Temperature/,
    );
    expect(r.stderr).toContain('the ID is what is asked for');
    expect(emulator.dataRequests.length).toBe(before);
  });
});

describe('a plan of fifty years', () => {
  // Data from 2025-01-01 (the demo's origin) until the emulator's now, four days later.
  let late: Emulator;
  beforeAll(async () => {
    late = await startEmulator({ apiKey: 'plan-key', now: () => Date.parse('2025-01-05T00:00:00Z') });
  });
  afterAll(() => late.close());
  const runLate = (...argv: string[]) => cliInProcess({ apiUrl: late.baseUrl, apiKey: late.apiKey }, argv);

  it('keeps the target in every chunk: the years without data do not swallow the data', async () => {
    const planPath = join(dir, 'fifty.plan.json');
    const target = 40_000;
    const p = await runLate(
      'plan',
      '--signal-id',
      '10151',
      '--start',
      '2000-01-01T00:00Z',
      '--end',
      '2050-01-01T00:00Z',
      '--target-rows',
      String(target),
      '-o',
      planPath,
    );
    expect(p.code, p.stderr).toBe(0);
    const plan = await readPlan(planPath);
    // 4 days of one-second rows: 345,600 rows, about 9 chunks of 40,000 and the empty years around them.
    expect(plan.chunks.length).toBeGreaterThanOrEqual(9);
    expect(plan.chunks.length).toBeLessThan(20);
    const out = join(dir, 'fifty.csv');
    const r = await runLate('export', '--plan', planPath, '--format', 'csv', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    const record = ExportRecord.parse(JSON.parse(await readFile(`${out}.export.json`, 'utf8')));
    expect(record.rowCount).toBe(4 * 86_400 + 1); // now included
    // Run as planned (no chunk split), each at most about the target.
    expect(record.chunks.length).toBe(plan.chunks.length);
    for (const c of record.chunks) expect(c.rows ?? 0).toBeLessThanOrEqual(target * 1.25);
  });
});
