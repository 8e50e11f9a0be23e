import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../src-preload/contract';
import { createHistory } from './history-store';
import { testSelectedSignal } from '../../src-preload/contract/testing/signals';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-history-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const signal = testSelectedSignal({ id: 1, name: 'S', physicalUnit: 'bar', rename: '1' });
const progress = {
  phase: 'exporting' as const,
  fraction: 0.5,
  chunksDone: 2,
  chunksTotal: 4,
  rows: 10,
  bytes: 99,
  etaMs: null,
  retrying: [],
};
const status = (jobId: string, stage: JobStatus['stage'], startedAt: number): JobStatus => ({
  jobId,
  stage,
  startedAt,
  updatedAt: startedAt + 5,
  progress,
  request: {
    connectionId: 'demo',
    signals: [signal],
    timeWindow: { start: '2025-01-01T00:00:00.000Z', end: '2025-01-02T00:00:00.000Z' },
    format: 'csv',
    values: { kind: 'raw' },
  },
  ...(stage === 'ready'
    ? { result: { rowCount: 10, fileBytes: 99, format: 'csv' as const, timeRange: null, columns: [], requestIds: [1000, 1001] } }
    : {}),
});

/** A job folder as the export service leaves it: a manifest in it. */
async function jobDir(id: string): Promise<string> {
  const d = join(dir, 'exports', id);
  await mkdir(d, { recursive: true });
  await writeFile(join(d, 'manifest.json'), '{}');
  return d;
}

describe('history', () => {
  it('records a job from start to end, newest first, with saved paths and whether its data is cached', async () => {
    const history = createHistory({ dataDir: dir });
    const a = await jobDir('a');
    await history.record(status('a', 'running', 1000), a);
    await history.record(status('a', 'ready', 1000), a);
    await history.record(status('b', 'failed', 2000), null);
    await history.addSavedPath('a', '/out/a.csv');
    const list = await history.list();
    expect(list.map((e) => [e.id, e.outcome, e.cached, e.resumable])).toEqual([
      ['b', 'failed', false, false],
      ['a', 'ready', true, false],
    ]);
    expect(list[1]).toMatchObject({
      requestIds: [1000, 1001],
      chunks: { done: 2, total: 4 },
      rowCount: 10,
      savedPaths: ['/out/a.csv'],
      finishedAt: 1005,
    });
    expect(await history.isSavedPath('/out/a.csv')).toBe(true);
    expect(await history.isSavedPath('/etc/passwd')).toBe(false);
    expect(JSON.parse(await readFile(join(dir, 'history.json'), 'utf8'))).toHaveLength(2);
  });

  it('keeps the newest entries, dropping the data of the ones it forgets', async () => {
    const history = createHistory({ dataDir: dir, maxEntries: 2 });
    for (const [i, id] of ['a', 'b', 'c'].entries()) await history.record(status(id, 'ready', 1000 + i), await jobDir(id));
    expect((await history.list()).map((e) => e.id)).toEqual(['c', 'b']);
    await expect(stat(join(dir, 'exports', 'a'))).rejects.toThrow();
    await history.uncache('b');
    expect((await history.list()).map((e) => [e.id, e.cached])).toEqual([
      ['c', true],
      ['b', false],
    ]);
  });

  it('marks a job still running from an earlier session as interrupted and resumable; remove drops entry and data', async () => {
    const old = await jobDir('old');
    await createHistory({ dataDir: dir }).record(status('old', 'running', Date.now() - 60_000), old);
    const later = createHistory({ dataDir: dir });
    await new Promise((r) => setTimeout(r, 5));
    expect((await later.list())[0]).toMatchObject({ id: 'old', outcome: 'interrupted', resumable: true, cached: false });
    expect(await later.remove('old')).toBe(true);
    expect(await later.list()).toEqual([]);
    expect(await later.remove('old')).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    await expect(stat(old)).rejects.toThrow();
  });

  it('lists the entries it can read and keeps the ones it cannot, untouched, when it writes the file again', async () => {
    const history = createHistory({ dataDir: dir });
    await history.record(status('a', 'ready', 1_000), null);
    const file = join(dir, 'history.json');
    const stored = JSON.parse(await readFile(file, 'utf8')) as unknown[];
    const strange = { id: 'from-a-newer-version', outcome: 'paused', startedAt: 5 };
    await writeFile(file, JSON.stringify([...stored, strange, 42]));
    expect((await history.list()).map((e) => e.id)).toEqual(['a']);
    await history.record(status('b', 'failed', 2_000), null);
    expect((await history.list()).map((e) => e.id)).toEqual(['b', 'a']);
    const after = JSON.parse(await readFile(file, 'utf8')) as unknown[];
    expect(after.slice(2)).toEqual([strange, 42]);
  });

  it('says what is wrong with a file that is not a history at all, and leaves it alone', async () => {
    const file = join(dir, 'history.json');
    await writeFile(file, '{"not": "a list"');
    await expect(createHistory({ dataDir: dir }).list()).rejects.toThrow(/history\.json is damaged \(not JSON\)/);
    expect(await readFile(file, 'utf8')).toBe('{"not": "a list"');
  });
});
