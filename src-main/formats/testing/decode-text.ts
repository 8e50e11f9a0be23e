import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ColumnSpec, RowBatch } from '../row-batch';
import { decodeBatchesWith, type Format } from '../decode-batches';

/** A temp folder for a test file, and decoding a file's text in one call (batches and all). */
export async function tempDir(): Promise<{ dir: string; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'se-formats-'));
  return { dir, close: () => rm(dir, { recursive: true, force: true }) };
}

let files = 0;
export async function decodeText(
  dir: string,
  format: Format,
  content: string | Uint8Array,
  specs: ColumnSpec[],
  opts: { batchRows?: number; chunkBytes?: number; signal?: AbortSignal } = {},
): Promise<RowBatch[]> {
  const path = join(dir, `t-${files++}.${format}`);
  await writeFile(path, content);
  const batches: RowBatch[] = [];
  for await (const b of decodeBatchesWith(path, format, () => specs, opts)) batches.push(b);
  return batches;
}

/** Columns as plain arrays, for toEqual. */
export const valuesOf = (batches: RowBatch[]) =>
  batches.length === 0 ? [] : batches[0]!.columns.map((_, c) => batches.flatMap((b) => [...b.columns[c]!.data.values]));
export const timesOf = (batches: RowBatch[]) => batches.flatMap((b) => [...b.timestamps]);
