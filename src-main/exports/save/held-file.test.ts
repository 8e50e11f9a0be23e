import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvEncoder, jsonEncoder, type BatchEncoder } from '../../formats/encode-batches';
import type { RowBatch } from '../../formats/row-batch';
import { encodeFile } from '../../formats/testing/batches';
import type { Manifest } from '../manifest/manifest';
import { stageCopyFile } from './atomic-save';
import { createWorkerPool } from '../worker/worker-pool';
import { heldFiles, joinDownloads } from './held-file';

const API_TEXT = { timeZone: 'UTC', localTimeColumn: false, excelLocale: null };
const names = ['Wind Speed', 'State'];
const ROWS = 5000;
const batch: RowBatch = {
  rowCount: ROWS,
  timestamps: Float64Array.from({ length: ROWS }, (_, i) => 1.7e12 + i * 1000),
  columns: [
    {
      name: names[0]!,
      data: { kind: 'float', values: Float64Array.from({ length: ROWS }, (_, i) => (i % 7 === 0 ? NaN : Math.sin(i) * 12.5)) },
    },
    { name: names[1]!, data: { kind: 'string', values: Array.from({ length: ROWS }, (_, i) => (i % 5 ? `s"${i % 3},` : null)) } },
  ],
};

const slice = (from: number, to: number): RowBatch => ({
  rowCount: to - from,
  timestamps: batch.timestamps.slice(from, to),
  columns: batch.columns.map((c) => ({
    name: c.name,
    data:
      c.data.kind === 'string'
        ? { kind: 'string', values: c.data.values.slice(from, to) }
        : { kind: 'float', values: (c.data.values as Float64Array).slice(from, to) },
  })),
});

const encoders: Record<'csv' | 'json', () => BatchEncoder> = {
  csv: () => csvEncoder(names, API_TEXT),
  json: () => jsonEncoder(names, API_TEXT),
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const CUTS = [0, 1, 1200, 3999, ROWS];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'se-held-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A job folder whose chunks' downloads are one request's file per slice, as the emulator writes them. */
async function job(
  format: 'csv' | 'json',
  name: string,
  download = (i: number) => encodeFile(encoders[format](), slice(CUTS[i]!, CUTS[i + 1]!), []),
) {
  const jobDir = join(dir, name);
  await mkdir(join(jobDir, 'chunks'), { recursive: true });
  const chunks = [];
  for (let i = 0; i + 1 < CUTS.length; i++) {
    const bytes = download(i);
    const file = `${String(i).padStart(4, '0')}.${format}`;
    await writeFile(join(jobDir, 'chunks', file), bytes);
    chunks.push({
      name: String(i).padStart(4, '0'),
      state: 'done',
      download: { file, bytes: bytes.length, sha256: sha(bytes) },
      rows: CUTS[i + 1]! - CUTS[i]!,
    });
  }
  // Only what the held file reads of a manifest: the format and the done chunks.
  return { dir: jobDir, m: { request: { format }, chunks } as unknown as Manifest };
}

async function collect(it: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of it) parts.push(Buffer.from(p));
  return Buffer.concat(parts);
}

describe('the held file', () => {
  for (const format of ['csv', 'json'] as const) {
    it(`${format}: the downloads joined are byte for byte the one-request file, hashed as written, and a save copies it`, async () => {
      const whole = encodeFile(encoders[format](), batch, []);
      const { dir: jobDir, m } = await job(format, `ok-${format}`);
      const paths = m.chunks.map((c) => join(jobDir, 'chunks', c.download!.file));
      expect((await collect(joinDownloads(format, paths))).equals(whole)).toBe(true);

      const held = heldFiles();
      const file = (await held.get(jobDir, m))!;
      expect(file.path).toBe(join(jobDir, `held.${format}`));
      const bytes = await readFile(file.path);
      expect(bytes.equals(whole)).toBe(true);
      expect(file.sha256).toBe(sha(whole));
      // Known on disk now: a second ask (a new process) reads its record, and finds the same.
      expect(await heldFiles().get(jobDir, m)).toEqual(file);

      const dest = join(dir, `saved-${format}.${format}`);
      const saved = await (await stageCopyFile(file.path, dest, file, { overwrite: false })).publish();
      const copy = await readFile(dest);
      expect(copy.equals(whole)).toBe(true);
      expect(saved.sha256).toBe(sha(copy));
    });
  }

  it('is joined in an export worker when the app gives its pool: the same bytes and hash', async () => {
    const pool = createWorkerPool(1);
    try {
      for (const format of ['csv', 'json'] as const) {
        const whole = encodeFile(encoders[format](), batch, []);
        const { dir: jobDir, m } = await job(format, `pool-${format}`);
        const file = (await heldFiles(undefined, pool).get(jobDir, m))!;
        expect(file).toEqual({ path: join(jobDir, `held.${format}`), bytes: whole.length, sha256: sha(whole) });
        expect((await readFile(file.path)).equals(whole)).toBe(true);
      }
    } finally {
      await pool.close();
    }
  });

  it('is made again when the downloads changed (a resumed job), and one download is its own held file', async () => {
    const { dir: jobDir, m } = await job('csv', 'stale');
    const first = (await heldFiles().get(jobDir, m))!;
    const fewer = { ...m, chunks: m.chunks.slice(0, 2) } as Manifest;
    const again = (await heldFiles().get(jobDir, fewer))!;
    expect(again.sha256).not.toBe(first.sha256);
    expect((await readFile(again.path)).equals(encodeFile(encoders.csv(), slice(0, 1200), []))).toBe(true);
    const one = { ...m, chunks: m.chunks.slice(1, 2) } as Manifest;
    const own = (await heldFiles().get(jobDir, one))!;
    expect(own.path).toBe(join(jobDir, 'chunks', '0001.csv'));
    expect(own.sha256).toBe(sha(await readFile(own.path)));
  });

  it('is none when the downloads do not join byte for byte (another header, a json layout not ours)', async () => {
    const other = await job('csv', 'headers', (i) => {
      const b = encodeFile(encoders.csv(), slice(CUTS[i]!, CUTS[i + 1]!), []);
      return i === 2 ? Buffer.concat([Buffer.from('timestamp,"Wind speed",State\n'), b.subarray(b.indexOf(10) + 1)]) : b;
    });
    expect(await heldFiles().get(other.dir, other.m)).toBeNull();
    const pretty = await job('json', 'pretty', (i) => Buffer.from(JSON.stringify([{ i }], null, 2)));
    expect(await heldFiles().get(pretty.dir, pretty.m)).toBeNull();
  });

  it('is none when a download came out of time order (the export holds its rows sorted, not the download)', async () => {
    const { dir: jobDir, m } = await job('csv', 'unsorted');
    expect(await heldFiles().get(jobDir, m)).not.toBeNull();
    const unsorted = { ...m, chunks: m.chunks.map((c, i) => (i === 1 ? { ...c, sorted: false } : c)) } as Manifest;
    expect(await heldFiles().get(jobDir, unsorted)).toBeNull();
    // One chunk alone is no piece either: its download is what Nortech sent, not the sorted rows.
    expect(await heldFiles().get(jobDir, { ...unsorted, chunks: unsorted.chunks.slice(1, 2) } as Manifest)).toBeNull();
  });

  it('a copy refuses a held file whose size is not the recorded one', async () => {
    const { dir: jobDir, m } = await job('json', 'changed');
    const file = (await heldFiles().get(jobDir, m))!;
    const dest = join(dir, 'never.json');
    await expect(stageCopyFile(file.path, dest, { ...file, bytes: file.bytes + 1 }, { overwrite: true })).rejects.toThrow(/recorded/);
    await expect(readFile(dest)).rejects.toThrow();
  });
});
