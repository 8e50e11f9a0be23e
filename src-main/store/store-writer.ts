import { endianness } from 'node:os';
import { mkdir, open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { RowBatch } from '../formats/row-batch';
import { concatBatches } from './concat-batches';
import { encodePage } from './page-encode';
import {
  INDEX_FILE,
  META_FILE,
  ROWS_FILE,
  STORE_VERSION,
  TIME_INDEX_STRIDE,
  type Page,
  type StoreColumn,
  type StoreMeta,
} from './store-format';

/*
 * Writes a chunk's rows as they are decoded (in the decode worker): each batch becomes a page of
 * rows.bin with one writev, so memory holds the batch being written and nothing more. Batches
 * under MIN_PAGE_ROWS are copied and held until they make a page: a page costs one read per column
 * when a range crosses it, and text decoders may hand over small batches. Nothing is fsynced: a
 * store is a cache that a crash may lose, and the size check in openStore refuses a torn one.
 */

export const MIN_PAGE_ROWS = 16_384;

export interface StoreWriter {
  append(batch: RowBatch): Promise<void>;
  /** Writes the seek index and store.json (atomically, last); the store can be opened after this. */
  finish(): Promise<StoreMeta>;
  /** Closes and deletes what was written. */
  abort(): Promise<void>;
}

export async function createStoreWriter(dir: string, columns: StoreColumn[]): Promise<StoreWriter> {
  if (endianness() !== 'LE') throw new Error('The row store is little-endian only.');
  await mkdir(dir, { recursive: true });
  await rm(join(dir, META_FILE), { force: true });
  const file: FileHandle = await open(join(dir, ROWS_FILE), 'w');
  const pages: Page[] = [];
  const index: number[] = [];
  let rows = 0;
  let bytes = 0;
  let firstTime: number | null = null;
  let lastTime: number | null = null;
  let held: RowBatch[] = [];
  let heldRows = 0;

  const check = (batch: RowBatch) => {
    if (
      batch.columns.length !== columns.length ||
      batch.columns.some((c, i) => c.name !== columns[i]!.name || c.data.kind !== columns[i]!.kind)
    ) {
      throw new Error(`A batch's columns (${batch.columns.map((c) => c.name).join(', ')}) are not the store's.`);
    }
    if (batch.rowCount && lastTime !== null && batch.timestamps[0]! < lastTime) throw new Error('Batches must come in time order.');
  };

  const writePage = async (batch: RowBatch) => {
    const encoded = encodePage(batch, rows, bytes);
    await file.writev(encoded.buffers, bytes);
    pages.push(encoded.page);
    for (let r = Math.ceil(rows / TIME_INDEX_STRIDE) * TIME_INDEX_STRIDE; r < rows + batch.rowCount; r += TIME_INDEX_STRIDE) {
      index.push(batch.timestamps[r - rows]!);
    }
    if (firstTime === null) firstTime = batch.timestamps[0]!;
    lastTime = batch.timestamps[batch.rowCount - 1]!;
    rows += batch.rowCount;
    bytes += encoded.bytes;
  };

  const flushHeld = async () => {
    if (!heldRows) return;
    const batch = concatBatches(held);
    held = [];
    heldRows = 0;
    await writePage(batch);
  };

  return {
    async append(batch) {
      check(batch);
      if (!batch.rowCount) return;
      if (batch.rowCount >= MIN_PAGE_ROWS) {
        await flushHeld();
        await writePage(batch);
        return;
      }
      held.push(concatBatches([batch]));
      heldRows += batch.rowCount;
      lastTime = batch.timestamps[batch.rowCount - 1]!;
      if (heldRows >= MIN_PAGE_ROWS) await flushHeld();
    },
    async finish() {
      await flushHeld();
      const meta: StoreMeta = { version: STORE_VERSION, columns, rows, firstTime, lastTime, bytes, pages };
      const tmp = join(dir, `${META_FILE}.tmp`);
      await Promise.all([
        file.close(),
        writeFile(join(dir, INDEX_FILE), new Uint8Array(Float64Array.from(index).buffer)),
        writeFile(tmp, JSON.stringify(meta)),
      ]);
      await rename(tmp, join(dir, META_FILE));
      return meta;
    },
    async abort() {
      // Abandoned: the files are removed next, so how the handle closes does not matter.
      await file.close().catch(() => {});
      await Promise.all([ROWS_FILE, INDEX_FILE, META_FILE, `${META_FILE}.tmp`].map((f) => rm(join(dir, f), { force: true })));
    },
  };
}
