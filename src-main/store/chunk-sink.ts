import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RowBatch } from '../formats/row-batch';
import { FINE_FILE, FINE_ROWS, createFineIndexBuilder, encodeFineIndex } from './fine-index';
import { createStoreWriter } from './store-writer';
import { createSummaryBuilder } from './summary-builder';
import { decodeSummary, encodeSummary, isCurrentSummary } from './summary-codec';
import type { ChunkSummary } from './summary-layout';
import { META_FILE, type JoinedMeta, type StoreColumn, type StoreMeta } from './store-format';
import { mergeSummaries } from './summary-merge';

/*
 * What the decode worker does with a chunk's batches: each one to the store, to the summary and to
 * the fine index (the pyramid's bottom, fine-index.ts), then the fine index to fine.bin and the
 * summary to summary.bin beside the store (History reopens the export from it) and, as bytes, to
 * the caller, to transfer to the main process (decodeSummary there makes views, no copy). fine.bin
 * is written before store.json marks the store finished: a store without it (a previous version's)
 * is read without it.
 */

export const SUMMARY_FILE = 'summary.bin';

export interface ChunkSink {
  append(batch: RowBatch): Promise<void>;
  finish(): Promise<{ meta: StoreMeta; summary: Uint8Array }>;
  abort(): Promise<void>;
}

export async function createChunkSink(dir: string, columns: StoreColumn[], blockRows: number): Promise<ChunkSink> {
  const store = await createStoreWriter(dir, columns);
  const summary = createSummaryBuilder(columns, blockRows);
  // The summary folds the fine index too where its blocks are whole 8-row blocks (any base block of the app).
  const fine = blockRows % FINE_ROWS === 0 ? null : createFineIndexBuilder(columns);
  return {
    async append(batch) {
      // The page is written (through the thread pool) while the summary folds the same rows: both
      // only read the batch. S parquet's first page: 2-24 ms of writing, 14-30 ms of folding.
      const written = store.append(batch);
      written.catch(() => undefined);
      summary.add(batch);
      fine?.add(batch);
      await written;
    },
    async finish() {
      const done = summary.finish();
      const bytes = encodeSummary(done);
      const tmp = join(dir, `${SUMMARY_FILE}.tmp`);
      // Side by side (each a few round trips to the thread pool): store.json, which marks the
      // store finished, only once fine.bin is whole.
      const [meta] = await Promise.all([
        writeFile(join(dir, FINE_FILE), encodeFineIndex(fine?.finish() ?? summary.fineIndex()!)).then(() => store.finish()),
        writeFile(tmp, bytes).then(() => rename(tmp, join(dir, SUMMARY_FILE))),
      ]);
      return { meta, summary: bytes };
    },
    async abort() {
      await store.abort();
      await rm(join(dir, FINE_FILE), { force: true });
    },
  };
}

/**
 * A finished chunk's summary, from its folder. One a previous version wrote is converted, and
 * written back in this version's layout (atomically; a failure leaves the old one, converted
 * again next time): converting XL's four took 0.4-0.7 s in a fresh process, at every History open.
 */
export async function readChunkSummary(dir: string): Promise<ChunkSummary> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, SUMMARY_FILE));
  } catch (error) {
    // A chunk stored as column groups (joined-store.ts) has none of its own: its groups' summaries side by side.
    const parts = (error as NodeJS.ErrnoException).code === 'ENOENT' ? await joinedParts(dir) : null;
    if (!parts) throw error;
    return mergeSummaries(await Promise.all(parts.map((p) => readChunkSummary(join(dir, p)))));
  }
  const summary = decodeSummary(bytes);
  if (!isCurrentSummary(bytes)) {
    const tmp = join(dir, `${SUMMARY_FILE}.tmp`);
    await writeFile(tmp, encodeSummary(summary))
      .then(() => rename(tmp, join(dir, SUMMARY_FILE)))
      .catch(() => rm(tmp, { force: true }).catch(() => {}));
  }
  return summary;
}

/** The column groups a chunk's store.json names, or null for a store of its own (or none yet). */
async function joinedParts(dir: string): Promise<string[] | null> {
  try {
    const meta = JSON.parse(await readFile(join(dir, META_FILE), 'utf8')) as Partial<JoinedMeta>;
    return Array.isArray(meta.parts) ? meta.parts : null;
  } catch {
    return null;
  }
}
