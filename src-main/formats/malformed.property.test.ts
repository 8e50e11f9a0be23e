import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOL_NULL, type ColumnSpec, type RowBatch } from './row-batch';
import { decodeBatchesWith } from './decode-batches';
import { DecodeError } from './decode-error';
import { createParquetWriter, csvEncoder, jsonEncoder } from './encode-batches';
import { encodeFile } from './testing/batches';

/*
 * Malformed files thrown at the decoders: random bytes, and valid files cut anywhere or with bytes
 * changed, read in chunks of any size. Each either decodes into consistent batches (every column
 * as long as the timestamps, which are real and ascending) or fails with a DecodeError: never
 * another error, never a hang.
 */

type Format = 'parquet' | 'csv' | 'json';
let dir: string;
const valid = {} as Record<Format, Buffer>;
const table: RowBatch = {
  rowCount: 60,
  timestamps: Float64Array.from({ length: 60 }, (_, i) => 1_700_000_000_000 + i * 1000),
  columns: [
    { name: 'x', data: { kind: 'float', values: Float64Array.from({ length: 60 }, (_, i) => (i % 7 ? i / 3 : NaN)) } },
    { name: 'on', data: { kind: 'boolean', values: Uint8Array.from({ length: 60 }, (_, i) => (i % 5 ? i % 2 : BOOL_NULL)) } },
    { name: 's', data: { kind: 'string', values: Array.from({ length: 60 }, (_, i) => (i % 3 ? `v,"${i}"\né😀` : null)) } },
    { name: 'j', data: { kind: 'string', values: Array.from({ length: 60 }, (_, i) => (i % 4 ? `{"ph":${i / 7}}` : null)) } },
  ],
};
const specs: ColumnSpec[] = [
  { names: ['x'], dataType: 'float' },
  { names: ['on'], dataType: 'boolean' },
  { names: ['s'], dataType: 'string' },
  { names: ['j'], dataType: 'json' },
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'se-malformed-'));
  const names = table.columns.map((c) => c.name);
  const opts = { timeZone: 'Europe/Lisbon', localTimeColumn: false, excelLocale: null };
  valid.csv = encodeFile(csvEncoder(names, opts), table, [20]);
  valid.json = encodeFile(jsonEncoder(names, opts), table, [20]);
  const parts: Uint8Array[] = [];
  const writer = createParquetWriter(
    table.columns.map((c) => ({ name: c.name, kind: c.data.kind })),
    async (b) => void parts.push(b),
    { rowGroupRows: 16 },
  );
  await writer.add(table);
  await writer.finish();
  valid.parquet = Buffer.concat(parts);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let n = 0;
async function decodeBytes(bytes: Uint8Array, format: Format, chunkBytes: number): Promise<void> {
  const path = join(dir, `case-${n++}.${format}`);
  await writeFile(path, bytes);
  try {
    let last = Number.NEGATIVE_INFINITY;
    for await (const b of decodeBatchesWith(path, format, () => specs, { batchRows: 7, chunkBytes })) {
      expect(b.timestamps.length).toBe(b.rowCount);
      for (const c of b.columns) expect(c.data.values.length).toBe(b.rowCount);
      for (const t of b.timestamps) {
        expect(t >= last).toBe(true);
        last = t;
      }
    }
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    expect(error.message.length).toBeGreaterThan(10);
  } finally {
    await rm(path, { force: true });
  }
}

const format = fc.constantFrom<Format>('parquet', 'csv', 'json');
const chunk = fc.integer({ min: 8, max: 3000 });

describe('malformed files', () => {
  it('the valid files decode', async () => {
    for (const f of ['parquet', 'csv', 'json'] as const) await decodeBytes(valid[f], f, 64);
  });

  it('random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), format, chunk, decodeBytes), { numRuns: 200 });
  });

  it('random bytes after a valid start', async () => {
    await fc.assert(
      fc.asyncProperty(
        format,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.uint8Array({ maxLength: 200 }),
        chunk,
        async (f, at, tail, c) => {
          const bytes = valid[f];
          await decodeBytes(Buffer.concat([bytes.subarray(0, Math.floor(at * bytes.length)), tail]), f, c);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('valid files cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(format, fc.double({ min: 0, max: 1, noNaN: true }), chunk, async (f, at, c) => {
        const bytes = valid[f];
        await decodeBytes(bytes.subarray(0, Math.floor(at * bytes.length)), f, c);
      }),
      { numRuns: 200 },
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
        chunk,
        async (f, flips, c) => {
          const bytes = Buffer.from(valid[f]);
          for (const [at, value] of flips) bytes[Math.floor(at * bytes.length)] = value;
          await decodeBytes(bytes, f, c);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('still decodes valid files after all that (parquet-wasm survives its failures in a long-lived worker)', async () => {
    for (const f of ['parquet', 'csv', 'json'] as const) {
      const path = join(dir, `again.${f}`);
      await writeFile(path, valid[f]);
      let rows = 0;
      for await (const b of decodeBatchesWith(path, f, () => specs, {})) rows += b.rowCount;
      expect(rows).toBe(table.rowCount);
    }
  });
});
