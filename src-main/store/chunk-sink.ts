import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RowBatch } from '../formats/row-batch';
import { createStoreWriter } from './store-writer';
import { createSummaryBuilder } from './summary-builder';
import { decodeSummary, encodeSummary } from './summary-codec';
import type { ChunkSummary } from './summary-layout';
import type { StoreColumn, StoreMeta } from './store-format';

/*
 * What the decode worker does with a chunk's batches: each one to the store and to the summary,
 * then the summary to summary.bin beside the store (History reopens the export from it) and, as
 * bytes, to the caller, to transfer to the main process (decodeSummary there makes views, no copy).
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
  return {
    async append(batch) {
      summary.add(batch);
      await store.append(batch);
    },
    async finish() {
      const meta = await store.finish();
      const bytes = encodeSummary(summary.finish());
      const tmp = join(dir, `${SUMMARY_FILE}.tmp`);
      await writeFile(tmp, bytes);
      await rename(tmp, join(dir, SUMMARY_FILE));
      return { meta, summary: bytes };
    },
    abort: () => store.abort(),
  };
}

/** A finished chunk's summary, from its folder. */
export async function readChunkSummary(dir: string): Promise<ChunkSummary> {
  return decodeSummary(await readFile(join(dir, SUMMARY_FILE)));
}
