import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnData, ColumnSpec, RowBatch } from './row-batch';
import { kindOf } from './batch-builder';
import { decodeBatchesWith } from './decode-batches';
import { createParquetWriter, csvEncoder, jsonEncoder, localColumnName, type TextOptions } from './encode-batches';
import { typedBatch } from './testing/arbitraries';
import { encodeFile, joinBatches } from './testing/batches';
import { referenceCsv, referenceJson } from './testing/reference-text';

/*
 * The encoders against the writers they replace (byte for byte), and the decoders against the
 * encoders (what was written is what is read): random batches of every kind of column, in any
 * zone, with a local-time column, for Excel, written in segments as an export's chunks are, and
 * read back in tiny chunks and batches so that every record boundary falls everywhere.
 */

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-codecs-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

const zones = fc.constantFrom('UTC', 'Europe/Lisbon', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe');
const textOptions = fc.record({
  timeZone: zones,
  localTimeColumn: fc.boolean(),
  excelLocale: fc.constantFrom(null, null, 'de-DE', 'en-US', 'fr-FR', 'xx-invalid'),
});
const cuts = fc.array(fc.integer({ min: 0, max: 25 }), { maxLength: 3 });
const namesOf = (b: RowBatch) => b.columns.map((c) => c.name);

describe('the encoders write what the string writers wrote, byte for byte', () => {
  it('csv', () => {
    fc.assert(
      fc.property(typedBatch(), textOptions, cuts, ({ batch }, opts, at) =>
        encodeFile(csvEncoder(namesOf(batch), opts), batch, at).equals(Buffer.from(referenceCsv(batch, opts), 'utf8')),
      ),
      { numRuns: 400 },
    );
  });

  it('json', () => {
    fc.assert(
      fc.property(typedBatch(), textOptions, cuts, ({ batch }, opts, at) =>
        encodeFile(jsonEncoder(namesOf(batch), opts), batch, at).equals(Buffer.from(referenceJson(batch, opts), 'utf8')),
      ),
      { numRuns: 400 },
    );
  });

  it('timestamps with fractions of a millisecond and lone surrogates in text, as the string writers did', () => {
    const odd = typedBatch(8).map(({ batch }) => ({
      ...batch,
      timestamps: batch.timestamps.map((t, i) => t + [0, 0.25, 0.999, 0.5][i % 4]!),
      columns: batch.columns.map((c) =>
        c.data.kind === 'string'
          ? { ...c, data: { kind: 'string' as const, values: c.data.values.map((v) => (v === null ? v : `${v}\ud800`)) } }
          : c,
      ),
    }));
    fc.assert(
      fc.property(odd, textOptions, (batch, opts) => {
        const names = namesOf(batch);
        return (
          encodeFile(csvEncoder(names, opts), batch, []).equals(Buffer.from(referenceCsv(batch, opts), 'utf8')) &&
          encodeFile(jsonEncoder(names, opts), batch, []).equals(Buffer.from(referenceJson(batch, opts), 'utf8'))
        );
      }),
      { numRuns: 200 },
    );
  });
});

/** What a format gives back for a value: text writes -0 as 0. */
function expected(data: ColumnData, format: 'csv' | 'json' | 'parquet'): unknown[] {
  if (data.kind !== 'float') return [...data.values];
  return [...data.values].map((v) => (format !== 'parquet' && v === 0 ? 0 : v));
}

let files = 0;
async function writeFormat(batch: RowBatch, format: 'csv' | 'json' | 'parquet', opts: TextOptions, at: number[]): Promise<string> {
  const path = join(dir, `rt-${files++}.${format}`);
  if (format === 'parquet') {
    const parts: Uint8Array[] = [];
    const writer = createParquetWriter(
      batch.columns.map((c) => ({ name: c.name, kind: c.data.kind })),
      async (bytes) => void parts.push(bytes),
      { rowGroupRows: 7 },
    );
    await writer.add(batch);
    await writer.finish();
    await writeFile(path, Buffer.concat(parts));
  } else {
    const encoder = format === 'csv' ? csvEncoder(namesOf(batch), opts) : jsonEncoder(namesOf(batch), opts);
    await writeFile(path, encodeFile(encoder, batch, at));
  }
  return path;
}

describe('decoding what the encoders wrote gives the same batches', () => {
  for (const format of ['csv', 'json', 'parquet'] as const) {
    it(format, async () => {
      const run = fc.record({
        typed: typedBatch(),
        opts: textOptions,
        cuts,
        batchRows: fc.integer({ min: 1, max: 9 }),
        chunkBytes: fc.integer({ min: 8, max: 400 }),
        // Specs in another order than the file's columns, some named by a rename the file does not use.
        order: fc.func(fc.integer()),
        renamed: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      });
      await fc.assert(
        fc.asyncProperty(run, async ({ typed: { batch, specs }, opts, cuts: at, batchRows, chunkBytes, order, renamed }) => {
          const path = await writeFormat(batch, format, opts, at);
          const local = format !== 'parquet' && opts.localTimeColumn ? localColumnName(namesOf(batch)) : null;
          const perm = specs.map((_, i) => i).sort((a, b) => order(a) - order(b) || a - b);
          const asked: ColumnSpec[] = perm.map((i) => ({
            ...specs[i]!,
            names: renamed[i] ? [`\u0001rename ${i}`, ...specs[i]!.names] : specs[i]!.names,
          }));
          if (local) asked.push({ names: [local], dataType: 'string' });
          const batches: RowBatch[] = [];
          for await (const b of decodeBatchesWith(path, format, () => asked, { batchRows, chunkBytes })) {
            expect(b.rowCount).toBeLessThanOrEqual(batchRows);
            batches.push(b);
          }
          await rm(path);
          const back = joinBatches(
            batches,
            asked.map((s) => s.names.at(-1)!),
            asked.map((s) => kindOf(s.dataType)),
          );
          expect(back.rowCount).toBe(batch.rowCount);
          expect([...back.timestamps]).toEqual([...batch.timestamps]);
          perm.forEach((i, c) => {
            const col = back.columns[c]!;
            if (back.rowCount > 0) expect(col.name).toBe(batch.columns[i]!.name);
            expect(col.data.kind).toBe(batch.columns[i]!.data.kind);
            expect([...col.data.values]).toEqual(expected(batch.columns[i]!.data, format));
          });
        }),
        { numRuns: 150 },
      );
    });
  }
});
