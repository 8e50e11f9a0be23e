import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src-preload/contract';
import type { ChunkRecord } from '../manifest/manifest';
import { ExportRecord } from '../save/export-record';
import { exportFixture, testSessions } from '../testing/fixture';
import { localDatasetStorage, type DatasetStorage } from './dataset-storage';
import type { ExportSessions, SessionSpec } from './export-session';
import { partsDir } from './work-folder';

/*
 * The session's outputs as a set: a preview and a file from one run (what a scheduled run in the
 * app asks), a dataset through its storage (the record put last, listing what the storage holds),
 * and a session that only measures. Against the emulator, with real workers and files.
 */

let fx: Awaited<ReturnType<typeof exportFixture>>;
let sessions: ExportSessions;
beforeAll(async () => {
  fx = await exportFixture();
  sessions = testSessions(fx.pool);
});
afterAll(() => fx.close());

const TEXT = { timeZone: 'UTC', localTimeColumn: false, excelLocale: null };

async function spec(over: Partial<SessionSpec>): Promise<SessionSpec> {
  const signals = await fx.selected([10001, 10002]);
  return {
    request: fx.request(signals, 'csv', '2025-03-01T00:00:00Z', '2025-03-01T03:00:00Z'),
    connection: { apiUrl: fx.emulator.baseUrl, apiKey: fx.emulator.apiKey },
    work: { kind: 'scratch' },
    existing: 'refuse',
    chunks: { kind: 'measured' },
    // Half an hour probed, then chunks of 4,000 rows of two signals: a few chunks in a few hours.
    plan: { singleChunkMs: 1_800_000, probeMs: 1_800_000, targetCells: 8000 },
    concurrency: 2,
    outputs: {},
    ...over,
  };
}

/** The csv of one request for the same window, as the emulator writes it. */
async function oneRequest(): Promise<string> {
  const answer = await fx.client.requestDataSync({
    signals: [10001, 10002],
    timeWindow: { start: '2025-03-01T00:00:00Z', end: '2025-03-01T03:00:00Z' },
    format: 'csv',
  });
  return (await fetch(answer.outputFile)).text();
}

describe('an export session', () => {
  it('fills a preview and a file in one run: every chunk taken by the preview, the file as one request gives it', async () => {
    const path = join(fx.dir, 'both.csv');
    const dir = join(fx.dir, 'cache', 'both');
    const taken: ChunkRecord[] = [];
    const reports: JobProgress[] = [];
    const session = sessions.start(
      await spec({
        work: { kind: 'cache', dir },
        outputs: {
          preview: { feed: { addChunk: async (chunk) => void taken.push(chunk) } },
          file: { path, format: 'csv', text: TEXT, overwrite: false },
        },
        onProgress: (p) => reports.push(p),
      }),
    );
    const result = await session.done;
    expect(result.rows).toBe(3 * 3600);
    expect(result.chunks.length).toBeGreaterThanOrEqual(3);
    expect(await readFile(path, 'utf8')).toBe(await oneRequest());
    // The preview took every chunk with its store and summary in the job's folder.
    expect(taken.map((c) => c.name).sort()).toEqual(result.chunks.map((c) => c.name).sort());
    expect(await readdir(join(dir, 'chunks', taken[0]!.name))).toContain('summary.bin');
    const record = ExportRecord.parse(JSON.parse(await readFile(`${path}.export.json`, 'utf8')));
    expect([record.rowCount, record.sha256]).toEqual([3 * 3600, result.file!.sha256]);
    // A cache folder stays (the preview answers from it); the last report is the whole export.
    expect((await stat(dir)).isDirectory()).toBe(true);
    expect(reports.at(-1)).toMatchObject({ fraction: 1, chunksDone: result.chunks.length, rows: 3 * 3600 });
    expect(session.progress()).toEqual(reports.at(-1));
  });

  it('puts a dataset through its storage, each part once, the record last and listing what the storage holds', async () => {
    const folder = join(fx.dir, 'dataset');
    const local = localDatasetStorage(folder);
    const calls: string[] = [];
    const storage: DatasetStorage = {
      location: local.location,
      prepare: () => local.prepare(),
      putPart: (key, file) => (calls.push(`part ${key}`), local.putPart(key, file)),
      part: (key) => local.part(key),
      putRecord: (name, data) => (calls.push(`record ${name}`), local.putRecord(name, data)),
      record: (name) => local.record(name),
      records: () => local.records(),
      clear: () => local.clear(),
    };
    const signals = await fx.selected([10001]);
    const request = fx.request(signals, 'parquet', '2025-03-01T22:00:00Z', '2025-03-02T02:00:00Z');
    const work = partsDir(folder);
    const result = await sessions.start(
      await spec({ request, work: { kind: 'beside-output', dir: work }, outputs: { dataset: { storage } } }),
    ).done;
    expect(calls.at(-1)).toBe('record export.json');
    const parts = calls.filter((c) => c.startsWith('part '));
    expect(new Set(parts).size).toBe(parts.length);
    const record = ExportRecord.parse(JSON.parse(await readFile(join(folder, 'export.json'), 'utf8')));
    expect(record.parts!.map((p) => `part ${p.file}`).sort()).toEqual([...parts].sort());
    expect(record.parts!.some((p) => p.file.startsWith('date=2025-03-01/'))).toBe(true);
    expect(record.parts!.some((p) => p.file.startsWith('date=2025-03-02/'))).toBe(true);
    for (const p of record.parts!) expect(await local.part(p.file)).toEqual(p);
    expect([result.dataset!.parts, result.rows]).toEqual([record.parts!.length, 4 * 3600]);
    // Beside the output, the work folder goes once the output is complete.
    await expect(stat(work)).rejects.toThrow(/ENOENT/);
  });

  it('only measures, leaving nothing behind: the plan is the result, every chunk after the measure left pending', async () => {
    const result = await sessions.start(await spec({ chunks: { kind: 'measure' }, concurrency: 1 })).done;
    const chunks = result.manifest.chunks;
    expect(result.manifest.planned).toBe(true);
    expect(chunks[0]).toMatchObject({ state: 'done', start: Date.parse('2025-03-01T00:00:00Z') });
    expect(chunks.at(-1)!.end).toBe(Date.parse('2025-03-01T03:00:00Z'));
    expect(chunks.slice(1).every((c) => c.state === 'pending')).toBe(true);
  });
});
