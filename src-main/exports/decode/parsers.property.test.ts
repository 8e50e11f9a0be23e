import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../convert/convert-file';
import { BOOL_NULL, type RowBatch } from '../../formats/row-batch';
import { DecodeError } from './decode-error';
import { decodeFile } from './decode-file';

/*
 * Malformed files thrown at the decoders: random bytes, and valid files cut or with bytes flipped.
 * Each either decodes into a consistent table or fails with a DecodeError: never another error.
 */

let dir: string;
const valid: Record<'parquet' | 'csv' | 'json', Buffer> = {} as never;
const table: RowBatch = {
  rowCount: 50,
  timestamps: Float64Array.from({ length: 50 }, (_, i) => 1_700_000_000_000 + i * 1000),
  columns: [
    { name: 'x', data: { kind: 'float', values: Float64Array.from({ length: 50 }, (_, i) => (i % 7 ? i / 3 : NaN)) } },
    { name: 'on', data: { kind: 'boolean', values: Uint8Array.from({ length: 50 }, (_, i) => (i % 5 ? i % 2 : BOOL_NULL)) } },
    { name: 's', data: { kind: 'string', values: Array.from({ length: 50 }, (_, i) => (i % 3 ? `v,"${i}"` : null)) } },
  ],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'se-prop-'));
  for (const format of ['parquet', 'csv', 'json'] as const) {
    const path = join(dir, `valid.${format}`);
    await writeTable(table, format, path, { timeZone: 'UTC', localTimeColumn: false, excelLocale: null });
    valid[format] = await readFile(path);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let n = 0;
async function decodeBytes(bytes: Uint8Array, format: 'parquet' | 'csv' | 'json') {
  const path = join(dir, `case-${n++}.${format}`);
  await writeFile(path, bytes);
  try {
    const t = await decodeFile(path, format, { x: 'float', on: 'boolean', s: 'string' });
    for (const c of t.columns) expect(c.data.values.length).toBe(t.rowCount);
    expect(t.timestamps.length).toBe(t.rowCount);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  } finally {
    await rm(path, { force: true });
  }
}

const format = fc.constantFrom('parquet' as const, 'csv' as const, 'json' as const);

describe('malformed files', () => {
  it('random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), format, decodeBytes), { numRuns: 150 });
  });

  it('valid files cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(format, fc.double({ min: 0, max: 1, noNaN: true }), async (f, at) => {
        const bytes = valid[f];
        await decodeBytes(bytes.subarray(0, Math.floor(at * bytes.length)), f);
      }),
      { numRuns: 150 },
    );
  });

  it('valid files with bytes changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        format,
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (f, flips) => {
          const bytes = Buffer.from(valid[f]);
          for (const [at, value] of flips) bytes[Math.floor(at * bytes.length)] = value;
          await decodeBytes(bytes, f);
        },
      ),
      { numRuns: 200 },
    );
  });
});
