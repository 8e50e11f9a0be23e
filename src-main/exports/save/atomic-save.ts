import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../errors/app-error';
import { diskFullError, isDiskFull } from '../../errors/disk-full';
import { nodeSaveFs, type SaveFs } from './save-fs';

/*
 * Saving so that the target name only ever holds a complete file: the bytes go to a temporary file
 * in the target's folder (same disk, so the rename is atomic), are flushed, and only then take the
 * target's name. Without `overwrite` the name is taken with link(), which fails rather than replace
 * a file that appeared meanwhile. Any failure removes the temporary file and leaves the target as
 * it was.
 */

export interface AtomicSaveOptions {
  overwrite: boolean;
  fs?: SaveFs;
  signal?: AbortSignal;
}

export interface SavedFile {
  path: string;
  bytes: number;
  sha256: string;
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

export function existsError(path: string): AppError {
  return new AppError('file', `${basename(path)} exists already and was left untouched.`, {
    hint: 'Choose another name, or allow replacing the file (--overwrite on the command line).',
  });
}

export function saveError(path: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDiskFull(error)) return diskFullError('target', `${basename(path)} was not saved`, { cause: error });
  const code = (error as NodeJS.ErrnoException)?.code;
  const where = dirname(path);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('file', `Signal Explorer may not write to ${where}.`, { hint: 'Choose another folder.' });
    case 'ENOENT':
      return new AppError('file', `The folder ${where} does not exist.`, { hint: 'Choose an existing folder.' });
    default:
      return new AppError('file', `Saving ${basename(path)} failed: ${(error as Error)?.message ?? String(error)}.`, {
        hint: 'Try again, or save somewhere else.',
      });
  }
}

const tempBeside = (dest: string) => join(dirname(dest), `.${basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);

/** A complete temporary file beside its target, flushed: publish gives it the target's name, discard removes it. */
export interface StagedFile {
  /** The target's name, then the folder flushed (so the name survives a power cut). */
  publish(): Promise<SavedFile>;
  /** The target's name, the folder left to the caller to flush once (syncFolder) for all the files it names there. */
  name(): Promise<SavedFile>;
  discard(): Promise<void>;
}

/** Flushes a folder's entries (the names given by StagedFile.name), best effort as publish does. */
export async function syncFolder(path: string, fs: SaveFs = nodeSaveFs): Promise<void> {
  if (fs.syncDir) await fs.syncDir(path).catch(() => undefined);
}

type Fill = (fs: SaveFs, tmp: string, made: () => void) => Promise<Omit<SavedFile, 'path'>>;

/** The temporary file filled by `fill` (which answers size and hash of what it put there); on any failure it is removed. */
async function stage(dest: string, opts: AtomicSaveOptions, fill: Fill): Promise<StagedFile> {
  const fs = opts.fs ?? nodeSaveFs;
  if (!opts.overwrite && (await fs.exists(dest))) throw existsError(dest);
  const tmp = tempBeside(dest);
  let created = false;
  const fail = async (error: unknown): Promise<never> => {
    if (created) await fs.unlink(tmp).catch(() => undefined);
    if (opts.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    throw saveError(dest, error);
  };
  let filled: Omit<SavedFile, 'path'>;
  try {
    filled = await fill(fs, tmp, () => (created = true));
    opts.signal?.throwIfAborted();
  } catch (error) {
    return fail(error);
  }
  const name = async (): Promise<SavedFile> => {
    try {
      opts.signal?.throwIfAborted();
      if (opts.overwrite) await fs.rename(tmp, dest);
      else await publishWithoutReplacing(fs, tmp, dest);
      created = false;
      return { path: dest, ...filled };
    } catch (error) {
      return fail(error);
    }
  };
  return {
    async publish() {
      const saved = await name();
      await syncFolder(dirname(dest), fs);
      return saved;
    },
    name,
    discard: () => fs.unlink(tmp).catch(() => undefined),
  };
}

const saveThrough = (dest: string, opts: AtomicSaveOptions, fill: Fill) => stage(dest, opts, fill).then((s) => s.publish());

const writeFill =
  (chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, opts: AtomicSaveOptions): Fill =>
  async (fs, tmp, made) => {
    const hash = createHash('sha256');
    let bytes = 0;
    const handle = await fs.create(tmp);
    made();
    try {
      for await (const chunk of chunks) {
        opts.signal?.throwIfAborted();
        hash.update(chunk);
        await handle.write(chunk);
        bytes += chunk.length;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { bytes, sha256: hash.digest('hex') };
  };

const copyFill =
  (src: string, known: Omit<SavedFile, 'path'>, opts: AtomicSaveOptions): Fill =>
  async (fs, tmp, made) => {
    opts.signal?.throwIfAborted();
    made();
    await fs.copyNew(src, tmp);
    // The held file changed under us (it never should): refuse rather than record a wrong hash.
    const bytes = await fs.size(tmp);
    if (bytes !== known.bytes) throw new Error(`the cached file is ${bytes} bytes, not the ${known.bytes} recorded`);
    return { bytes, sha256: known.sha256 };
  };

/** Writes the chunks to `dest` atomically; answers size and SHA-256 of what was written. */
export function atomicWrite(
  dest: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: AtomicSaveOptions,
): Promise<SavedFile> {
  return saveThrough(dest, opts, writeFill(chunks, opts));
}

/** atomicWrite up to the name: the file is complete and flushed, and takes `dest`'s name on publish. */
export function stageWrite(
  dest: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: AtomicSaveOptions,
): Promise<StagedFile> {
  return stage(dest, opts, writeFill(chunks, opts));
}

/**
 * A file whose size and SHA-256 are known (hashed when it was written: a verified download, the
 * job's held file) copied to `dest` atomically by the OS, without reading it into the process:
 * copy_file_range through fs.copyFile, then fsync (staged: published by the caller). The L csv
 * export (86 MB, five chunks) saved in 265 ms against 242 ms for copyFile + fsync alone, where
 * converting it again took 3.1 s (both at a load average of 12-22).
 */
export function stageCopyFile(src: string, dest: string, known: Omit<SavedFile, 'path'>, opts: AtomicSaveOptions): Promise<StagedFile> {
  return stage(dest, opts, copyFill(src, known, opts));
}

async function publishWithoutReplacing(fs: SaveFs, tmp: string, dest: string): Promise<void> {
  try {
    await fs.link(tmp, dest);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'EEXIST') throw existsError(dest);
    if (!code || !NO_HARD_LINKS.has(code)) throw error;
    // A file system without hard links (FAT, some shares): check, then rename; a tiny race remains.
    if (await fs.exists(dest)) throw existsError(dest);
    await fs.rename(tmp, dest);
    return;
  }
  await fs.unlink(tmp).catch(() => undefined);
}

/** Copies a file (the cached download or a converted temp file) to `dest` atomically. */
export function atomicCopy(src: string, dest: string, opts: AtomicSaveOptions): Promise<SavedFile> {
  return atomicWrite(dest, createReadStream(src, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>, opts);
}
