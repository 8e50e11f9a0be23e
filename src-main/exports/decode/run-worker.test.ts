import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error';
import { decodeInWorker, writeInWorker } from './run-worker';

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-worker-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the decode worker, run from source', () => {
  it('decodes in a worker thread and hands the columns back', async () => {
    const path = join(dir, 'a.csv');
    await writeFile(path, 'timestamp,x\n2024-01-01T00:00:00.000Z,1.5\n2024-01-01T00:00:01.000Z,2.5\n');
    const table = await decodeInWorker(path, 'csv', { x: 'float' });
    expect(table.timestamps).toBeInstanceOf(Float64Array);
    expect([...table.columns[0]!.data.values]).toEqual([1.5, 2.5]);

    await writeInWorker(table, 'json', join(dir, 'a.json'), { timeZone: 'UTC', localTimeColumn: false, excelLocale: null });
    expect(JSON.parse(await readFile(join(dir, 'a.json'), 'utf8'))).toEqual([
      { timestamp: '2024-01-01T00:00:00.000Z', x: 1.5 },
      { timestamp: '2024-01-01T00:00:01.000Z', x: 2.5 },
    ]);
  });

  it('turns a damaged file into a file error, and a cancel into cancelled', async () => {
    const path = join(dir, 'bad.parquet');
    await writeFile(path, 'not parquet at all');
    await expect(decodeInWorker(path, 'parquet', {})).rejects.toMatchObject({ kind: 'file' });
    const ctl = new AbortController();
    const pending = decodeInWorker(path, 'parquet', {}, ctl.signal);
    ctl.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('cancelled');
  });
});
