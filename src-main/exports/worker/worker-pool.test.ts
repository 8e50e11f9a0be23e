import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error';
import type { IngestTask, WorkerTask } from './worker-protocol';
import { createWorkerPool, type WorkerPool } from './worker-pool';

let dir: string;
let pool: WorkerPool;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'se-pool-'));
  pool = createWorkerPool(2);
});
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

const csv = (rows: number, t0: number) =>
  `timestamp,x\n${Array.from({ length: rows }, (_, i) => `${new Date(t0 + i * 1000).toISOString()},${i / 4}`).join('\n')}\n`;
const t0 = Date.parse('2025-01-01T00:00:00Z');
const task = (path: string, extra: Partial<IngestTask> = {}): IngestTask => ({
  op: 'ingest',
  path,
  format: 'csv',
  specs: [{ names: ['x', '101'], dataType: 'float' }],
  slice: { start: t0, end: t0 + 10_000 },
  transforms: [],
  sinks: [],
  disk: 'cache',
  ...extra,
});

describe('the export workers', () => {
  it('read a chunk once into its segment, keeping only the rows of its slice', async () => {
    const path = join(dir, 'a.csv');
    await writeFile(path, csv(12, t0 - 1000)); // one row before the slice, one at its end
    const segment = join(dir, 'a.seg.csv');
    const progress: unknown[] = [];
    const result = await pool.run(
      task(path, {
        sinks: [
          {
            kind: 'text',
            path: segment,
            format: 'csv',
            columns: ['x'],
            text: { timeZone: 'UTC', localTimeColumn: false, excelLocale: null },
          },
        ],
      }),
      { onProgress: (p) => progress.push(p) },
    );
    expect(result).toMatchObject({ op: 'ingest', rows: 10, dropped: 2, first: t0, last: t0 + 9000 });
    expect(result.sinks).toEqual([{ bytes: (await readFile(segment)).length, files: [segment] }]);
    expect(progress.at(-1)).toEqual({ rows: 10 });
    const text = await readFile(segment, 'utf8');
    expect(text.split('\n')[0]).toBe('2025-01-01T00:00:00.000Z,0.25');
    expect(text.split('\n')).toHaveLength(11);
  });

  it("hash the chunk's file while reading it when asked (its SHA-256 off the main thread), and only then", async () => {
    const path = join(dir, 'hashed.csv');
    const text = csv(10, t0);
    await writeFile(path, text);
    const hashed = await pool.run(task(path, { sha256: true }));
    expect(hashed).toMatchObject({ rows: 10, sha256: createHash('sha256').update(text).digest('hex') });
    expect((await pool.run(task(path))).sha256).toBeUndefined();
  });

  it('run tasks in parallel and queue the rest, each answered once', async () => {
    const paths = await Promise.all(
      [0, 1, 2, 3, 4].map(async (i) => {
        const p = join(dir, `p${i}.csv`);
        await writeFile(p, csv(10, t0));
        return p;
      }),
    );
    const results = await Promise.all(paths.map((p) => pool.run(task(p))));
    expect(results.map((r) => r.rows)).toEqual([10, 10, 10, 10, 10]);
  });

  it('turn a damaged file into a file error and a cancel into cancelled, and stay usable', async () => {
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'timestamp,y\n2025-01-01T00:00:00Z,1\n');
    await expect(pool.run(task(bad))).rejects.toMatchObject({ kind: 'file' });
    const ctl = new AbortController();
    const big = join(dir, 'big.csv');
    await writeFile(big, csv(200_000, t0));
    const pending = pool.run(task(big, { slice: { start: t0, end: t0 + 1e12 } }), { signal: ctl.signal });
    setTimeout(() => ctl.abort(), 5);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('cancelled');
    const ok = join(dir, 'ok.csv');
    await writeFile(ok, csv(3, t0));
    expect((await pool.run(task(ok))).rows).toBe(3);
  });

  it('say which disk is full when a chunk cannot be written (a link to /dev/full, whose writes fail with ENOSPC)', async () => {
    const path = join(dir, 'full.csv');
    await writeFile(path, csv(10, t0));
    const link = join(dir, 'full.seg.csv');
    await symlink('/dev/full', link);
    const text = { timeZone: 'UTC', localTimeColumn: false, excelLocale: null };
    for (const disk of ['cache', 'target'] as const) {
      const failed = pool.run(task(path, { disk, sinks: [{ kind: 'text', path: link, format: 'csv', columns: ['x'], text }] }));
      await expect(failed).rejects.toMatchObject({ kind: 'file', details: { diskFull: disk, retryable: false } });
      await expect(failed).rejects.toThrow(disk === 'cache' ? /cache is full.*a chunk's data could not be written/ : /saving to is full/);
      await symlink('/dev/full', link).catch(() => undefined); // the failed sink removed its file: the link
    }
  });

  it('refuse a task that does not fit the protocol, naming what is wrong, and stay usable', async () => {
    const ok = join(dir, 'fits.csv');
    await writeFile(ok, csv(3, t0));
    // What a caller that bypassed the types could send: a sink of no known kind.
    const odd = { ...task(ok), sinks: [{ kind: 'spreadsheet', path: join(dir, 'x') }] } as unknown as WorkerTask;
    await expect(pool.run(odd)).rejects.toMatchObject({ kind: 'internal', message: /does not know/ });
    expect((await pool.run(task(ok))).rows).toBe(3);
  });

  it('aggregate in the transform slot: one row per interval, the raw rows counted as delivered', async () => {
    const path = join(dir, 'agg.csv');
    await writeFile(path, csv(10, t0)); // x = 0, 0.25 … 2.25 at 1 s
    const every = { kind: 'every' as const, interval: '5s', fns: ['mean' as const, 'count' as const], timeZone: 'UTC' };
    const segment = join(dir, 'agg.seg.csv');
    const text = { timeZone: 'UTC', localTimeColumn: false, excelLocale: null };
    const result = await pool.run(
      task(path, {
        transforms: [{ kind: 'aggregate', values: every, columns: [{ name: 'x', kind: 'float', dataType: 'float' }] }],
        sinks: [{ kind: 'text', path: segment, format: 'csv', columns: ['x_mean', 'x_count'], text }],
      }),
    );
    expect(result).toMatchObject({ rows: 2, sourceRows: 10 });
    expect((await readFile(segment, 'utf8')).trim().split('\n')).toEqual([
      '2025-01-01T00:00:00.000Z,0.5,5',
      '2025-01-01T00:00:05.000Z,1.75,5',
    ]);
  });
});
