import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoCatalog } from '../testing/fixture';
import { produceFile, ProductionTimeout, type OutputFormat } from './produce-file';

const dir = mkdtempSync(join(tmpdir(), 'produce-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signals = [...demoCatalog().signalsById.values()].filter((s) => s.unit.name === 'CMS WTG-A01').slice(0, 4);
const startMs = Date.parse('2025-03-01T00:00:00Z');
const base = { signals, names: signals.map((s) => String(s.id)), window: { startMs, endMs: startMs + 20_000_000 }, chunkRows: 1000 };
const formats: OutputFormat[] = ['parquet', 'csv', 'json'];

describe('produceFile', () => {
  it.each(formats)('%s: reports rows, bytes and the MD5 of what it wrote', async (format) => {
    const path = join(dir, `ok.${format}`);
    const out = await produceFile({ ...base, window: { startMs, endMs: startMs + 5_000_000 }, format, path });
    const bytes = readFileSync(path);
    expect(out).toEqual({ rows: 5000, bytes: bytes.length, md5: createHash('md5').update(bytes).digest('hex') });
  });

  it.each(formats)('%s: stops at the deadline between chunks, throws ProductionTimeout, removes the partial file', async (format) => {
    const path = join(dir, `late.${format}`);
    let calls = 0;
    // A deadline that passes after a few chunks: performance.now() is read once per chunk.
    const deadline = performance.now() + 1e9;
    const now = performance.now.bind(performance);
    performance.now = () => (++calls > 3 ? deadline + 1 : now());
    try {
      await expect(produceFile({ ...base, format, path, deadline })).rejects.toBeInstanceOf(ProductionTimeout);
    } finally {
      performance.now = now;
    }
    expect(existsSync(path)).toBe(false);
  });

  it.each(formats)('%s: stops when aborted', async (format) => {
    const path = join(dir, `aborted.${format}`);
    const abort = new AbortController();
    abort.abort(new Error('shutting down'));
    await expect(produceFile({ ...base, format, path, abort: abort.signal })).rejects.toThrow('shutting down');
    expect(existsSync(path)).toBe(false);
  });
});
