import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sha256OfFile } from '../download/file-sha256';
import { atomicCopy, atomicWrite } from '../save/atomic-save';

/*
 * Where a dataset's parts and record are kept, behind the few operations a session needs: a part
 * is written by a worker into the work folder, then put here whole under its key
 * (`date=YYYY-MM-DD/part-NNNN.parquet`); the export record is put last, so that a reader or a
 * rerun knows the parts it lists are all there. A local folder today; object storage implements
 * the same (a part is an object complete or absent, its checksum known).
 */

/** A part as it is stored: its key (relative to the dataset), size and SHA-256. */
export interface StoredPart {
  file: string;
  bytes: number;
  sha256: string;
}

export interface DatasetStorage {
  /** What the user named (a folder, a URL): printed, and the record's `file`. */
  readonly location: string;
  /** Before any part: the folder made (an object store: reachable). */
  prepare(): Promise<void>;
  /** Puts a complete part (a file of the work folder, which it may move) under `key`, replacing any. */
  putPart(key: string, file: string): Promise<StoredPart>;
  /** The part under `key` as stored, or null when there is none. */
  part(key: string): Promise<StoredPart | null>;
  /** The export record, beside the parts (`export.json`, or a shard's own); put last. */
  putRecord(name: string, data: Uint8Array): Promise<void>;
  /** The record put under `name`, or null when there is none (a rerun's check that a shard is done). */
  record(name: string): Promise<Uint8Array | null>;
  /** The export records there already (`export.json`, `export.*.json` at the top), to tell whose dataset it is. */
  records(): Promise<{ name: string; data: Uint8Array }[]>;
  /** Removes every part and record of ours (the `date=…` partitions, the records), nothing else: --overwrite. */
  clear(): Promise<void>;
}

/** The names of export records at a dataset's top. */
export const isRecordName = (name: string) => /^export(\.[^/]+)?\.json$/.test(name);

/** A dataset in a local folder. Parts are moved in by rename (the work folder is beside it, on the same disk). */
export function localDatasetStorage(dir: string): DatasetStorage {
  return {
    location: dir,
    prepare: () => mkdir(dir, { recursive: true }).then(() => undefined),
    async putPart(key, file) {
      const dest = join(dir, key);
      const bytes = (await stat(file)).size;
      const sha256 = await sha256OfFile(file);
      await mkdir(dirname(dest), { recursive: true });
      await rename(file, dest).catch(async (error: NodeJS.ErrnoException) => {
        // The dataset folder is on another disk than its work folder (a mount point): copy.
        if (error.code !== 'EXDEV') throw error;
        await atomicCopy(file, dest, { overwrite: true });
        await rm(file, { force: true });
      });
      return { file: key, bytes, sha256 };
    },
    async part(key) {
      const path = join(dir, key);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) return null;
      return { file: key, bytes: info.size, sha256: await sha256OfFile(path) };
    },
    async putRecord(name, data) {
      await atomicWrite(join(dir, name), [data], { overwrite: true });
    },
    record: (name) =>
      readFile(join(dir, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      }),
    async records() {
      const names = (await readdir(dir).catch(() => [] as string[])).filter(isRecordName).sort();
      return Promise.all(names.map(async (name) => ({ name, data: await readFile(join(dir, name)) })));
    },
    async clear() {
      const entries = await readdir(dir).catch(() => [] as string[]);
      const ours = entries.filter((e) => isRecordName(e) || /^date=\d{4}-\d{2}-\d{2}$/.test(e));
      for (const e of ours) await rm(join(dir, e), { recursive: true, force: true });
    },
  };
}
