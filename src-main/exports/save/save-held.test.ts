import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHistory } from '../../history/history-store';
import { exportFixture } from '../testing/fixture';
import { ExportRecord, recordPathFor } from './export-record';
import { heldFiles } from './held-file';
import { saveExport } from './save-export';

/*
 * Save… in the downloaded format of a chunked export, end to end against the emulator: the held
 * file copied by the OS, its record named after it and one folder flush for both, History told
 * without being waited for (and still read back at once).
 */

let fx: Awaited<ReturnType<typeof exportFixture>>;
beforeAll(async () => void (fx = await exportFixture()));
afterAll(() => fx.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const options = (format: 'csv' | 'parquet') => ({
  format,
  layout: 'file' as const,
  timeZone: 'UTC',
  localTimeColumn: false,
  excelLocale: null,
});

describe('save in the held format', () => {
  it('copies the held file with a record whose hash and size are the saved bytes, replaces atomically, and History lists it at once', async () => {
    const signals = await fx.selected([10001, 10002]);
    const status = await fx.service.wait(fx.service.start(fx.request(signals, 'csv', '2025-04-10T00:00:00Z', '2025-04-13T00:00:00Z')));
    const job = fx.service.job(status.jobId);
    expect(job.manifest()!.chunks.filter((c) => c.rows).length).toBeGreaterThanOrEqual(2);

    const history = createHistory({ dataDir: join(fx.dir, 'data') });
    await history.record(status, job.dir);
    const held = heldFiles();
    const deps = { pool: fx.pool, version: 'test', held, addSavedPath: (id: string, path: string) => history.addSavedPath(id, path) };
    const folder = join(fx.dir, 'saved-held');
    await mkdir(folder);
    const dest = join(folder, 'wind.csv');
    await writeFile(dest, 'an older file the dialog agreed to replace');

    const saved = await saveExport(deps, job, dest, options('csv'), { overwrite: true });
    const bytes = await readFile(dest);
    const heldFile = (await held.get(job.dir, job.manifest()!))!;
    expect(bytes.equals(await readFile(heldFile.path))).toBe(true);
    expect([saved.bytes, saved.sha256]).toEqual([bytes.length, sha(bytes)]);
    const record = ExportRecord.parse(JSON.parse(await readFile(recordPathFor(dest), 'utf8')));
    expect([record.file, record.bytes, record.sha256, record.rowCount]).toEqual([
      'wind.csv',
      bytes.length,
      sha(bytes),
      status.result!.rowCount,
    ]);
    // No temporary file left beside them; History, told without waiting, reads the path back at once.
    expect((await readdir(folder)).sort()).toEqual(['wind.csv', 'wind.csv.export.json']);
    expect(await history.isSavedPath(dest)).toBe(true);
    expect((await history.list()).find((e) => e.id === status.jobId)?.savedPaths).toEqual([dest]);
  });

  it('a held file that changed under the cache is refused, the target left as it was, and looked at again next time', async () => {
    const signals = await fx.selected([10001]);
    const status = await fx.service.wait(fx.service.start(fx.request(signals, 'csv', '2025-05-10T00:00:00Z', '2025-05-13T00:00:00Z')));
    const job = fx.service.job(status.jobId);
    const held = heldFiles();
    const deps = { pool: fx.pool, version: 'test', held };
    const heldFile = (await held.get(job.dir, job.manifest()!))!;
    expect(heldFile.path).toBe(join(job.dir, 'held.csv'));
    const folder = join(fx.dir, 'saved-changed');
    await mkdir(folder);
    const dest = join(folder, 'x.csv');
    await writeFile(dest, 'kept');
    await writeFile(heldFile.path, 'cut');
    await expect(saveExport(deps, job, dest, options('csv'), { overwrite: true })).rejects.toThrow(/recorded/);
    expect(await readFile(dest, 'utf8')).toBe('kept');
    expect(await readdir(folder)).toEqual(['x.csv']);
    // Forgotten after the failure: the next save finds the held file stale on disk and makes it again.
    const again = await saveExport(deps, job, dest, options('csv'), { overwrite: true });
    expect(again.sha256).toBe(heldFile.sha256);
    expect(sha(await readFile(dest))).toBe(heldFile.sha256);
  });
});
