import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SUMMARY_FILE } from './chunk-sink';
import { decodeSummary, encodeSummary } from './summary-codec';
import { mergeSummaries } from './summary-merge';
import { FINE_FILE } from './fine-index';
import { INDEX_FILE, META_FILE, ROWS_FILE, STORE_VERSION, type JoinedMeta } from './store-format';

/*
 * A chunk read by columns in several workers at once (exports/run/split-read.ts): each wrote a
 * store and summary of the timestamps and its columns into a folder of the chunk's (`part-0`,
 * `part-1`…). Joining writes the chunk's one summary (what the preview and History read) and, last,
 * a store.json naming the groups (replacing, atomically, one an earlier whole read of the chunk
 * left: nothing reads a chunk's store before its record says done, which comes after the join).
 * openStore reads the groups as one store (joined-reader.ts).
 */

export const partDir = (i: number) => `part-${i}`;

/** Joins the groups' summaries into the chunk's and marks the store finished; answers the rows. */
export async function joinStore(dir: string, parts: readonly string[]): Promise<number> {
  const summaries = await Promise.all(parts.map(async (p) => decodeSummary(await readFile(join(dir, p, SUMMARY_FILE)))));
  const merged = mergeSummaries(summaries);
  const atomically = async (file: string, bytes: Uint8Array | string) => {
    const tmp = join(dir, `${file}.tmp`);
    await writeFile(tmp, bytes);
    await rename(tmp, join(dir, file));
  };
  const meta: JoinedMeta = { version: STORE_VERSION, parts: [...parts] };
  await Promise.all([
    atomically(SUMMARY_FILE, encodeSummary(merged)),
    // The groups' own summaries are in the chunk's now.
    ...parts.map((p) => rm(join(dir, p, SUMMARY_FILE), { force: true })),
  ]);
  await atomically(META_FILE, JSON.stringify(meta));
  // A store an earlier read of the chunk wrote whole, at the top, is not the chunk's any more.
  await Promise.all([ROWS_FILE, INDEX_FILE, FINE_FILE].map((f) => rm(join(dir, f), { force: true })));
  return merged.rows;
}
