import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../src-preload/contract';
import { createHistory } from './history-store';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-history-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const signal = {
  id: 1,
  name: 'S',
  physicalUnit: 'bar',
  dataType: 'float' as const,
  description: '',
  longDescription: '',
  workspace: { id: 1, name: 'W' },
  asset: { id: 2, name: 'A' },
  division: { id: 3, name: 'D' },
  unit: { id: 4, name: 'U' },
  rename: '1',
};
const status = (jobId: string, stage: JobStatus['stage'], startedAt: number): JobStatus => ({
  jobId,
  stage,
  startedAt,
  updatedAt: startedAt + 5,
  request: {
    connectionId: 'demo',
    signals: [signal],
    timeWindow: { start: '2025-01-01T00:00:00.000Z', end: '2025-01-02T00:00:00.000Z' },
    format: 'csv',
  },
  ...(stage === 'ready'
    ? { requestId: 1000, result: { rowCount: 10, fileBytes: 99, format: 'csv' as const, timeRange: null, columns: [] } }
    : {}),
});

describe('history', () => {
  it('records a job from start to end, newest first, with saved paths and whether it is cached', async () => {
    const history = createHistory({ dataDir: dir });
    const cached = join(dir, 'a.csv');
    await writeFile(cached, 'x');
    await history.record(status('a', 'requesting', 1000), null);
    await history.record(status('a', 'ready', 1000), cached);
    await history.record(status('b', 'failed', 2000), null);
    await history.addSavedPath('a', '/out/a.csv');
    const list = await history.list();
    expect(list.map((e) => [e.id, e.outcome, e.cached])).toEqual([
      ['b', 'failed', false],
      ['a', 'ready', true],
    ]);
    expect(list[1]).toMatchObject({ requestId: 1000, rowCount: 10, fileBytes: 99, savedPaths: ['/out/a.csv'], finishedAt: 1005 });
    expect(await history.isSavedPath('/out/a.csv')).toBe(true);
    expect(await history.isSavedPath('/etc/passwd')).toBe(false);
    expect(JSON.parse(await readFile(join(dir, 'history.json'), 'utf8'))).toHaveLength(2);
  });

  it('keeps only the newest cached files and entries', async () => {
    const history = createHistory({ dataDir: dir, keepCached: 1, maxEntries: 2 });
    for (const [i, id] of ['a', 'b', 'c'].entries()) {
      const file = join(dir, `${id}.csv`);
      await writeFile(file, id);
      await history.record(status(id, 'ready', 1000 + i), file);
    }
    const list = await history.list();
    expect(list.map((e) => [e.id, e.cached])).toEqual([
      ['c', true],
      ['b', false],
    ]);
    await expect(readFile(join(dir, 'a.csv'))).rejects.toThrow();
    await expect(readFile(join(dir, 'b.csv'))).rejects.toThrow();
  });

  it('marks a job still running from an earlier session as interrupted; remove drops entry and file', async () => {
    const file = join(dir, 'old.csv');
    await writeFile(file, 'x');
    await createHistory({ dataDir: dir }).record(status('old', 'downloading', Date.now() - 60_000), file);
    const later = createHistory({ dataDir: dir });
    await new Promise((r) => setTimeout(r, 5));
    expect((await later.list())[0]).toMatchObject({ id: 'old', outcome: 'failed' });
    expect(await later.remove('old')).toBe(true);
    expect(await later.list()).toEqual([]);
    expect(await later.remove('old')).toBe(false);
  });
});
