import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SUMMARY_FILE } from './chunk-sink';
import { FINE_FILE } from './fine-index';
import { INDEX_FILE, META_FILE, ROWS_FILE, STORE_VERSION, type JoinedMeta } from './store-format';

/*
 * A chunk read by columns in several workers at once (exports/run/split-read.ts): each wrote a
 * store and summary of the timestamps and its columns into a folder of the chunk's (`part-0`,
 * `part-1`…). Joining writes a store.json naming the groups (replacing, atomically, one an earlier
 * whole read of the chunk left: nothing reads a chunk's store before its record says done, which
 * comes after the join). openStore reads the groups as one store (joined-reader.ts), and
 * readChunkSummary their summaries side by side (summary-merge.ts: views, no copy). Writing one
 * merged summary.bin instead took L's last chunk 35 ms.
 */

export const partDir = (i: number) => `part-${i}`;

/** Marks the store finished as the groups, once each has written its store and summary. */
export async function joinStore(dir: string, parts: readonly string[]): Promise<void> {
  // A store an earlier read of the chunk wrote whole, at the top, is not the chunk's any more: gone
  // first, so that a joined chunk never has a summary.bin of its own (readChunkSummary reads that first).
  await Promise.all([ROWS_FILE, INDEX_FILE, FINE_FILE, SUMMARY_FILE].map((f) => rm(join(dir, f), { force: true })));
  const meta: JoinedMeta = { version: STORE_VERSION, parts: [...parts] };
  const tmp = join(dir, `${META_FILE}.tmp`);
  await writeFile(tmp, JSON.stringify(meta));
  await rename(tmp, join(dir, META_FILE));
}
