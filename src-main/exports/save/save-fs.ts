import { constants, copyFile, link, open, rename, stat, unlink } from 'node:fs/promises';

/** The few file operations a save makes: a port, so tests can make any of them fail. */
export interface SaveFs {
  /** Creates a new file (fails if it exists). */
  create(path: string): Promise<SaveHandle>;
  /** A new file (fails if it exists) with the bytes of `from`, copied by the OS (copy_file_range on Linux), then flushed. */
  copyNew(from: string, to: string): Promise<void>;
  /** The size of a file. */
  size(path: string): Promise<number>;
  rename(from: string, to: string): Promise<void>;
  /** A second name for a file; fails with EEXIST when `to` exists (how we publish without replacing). */
  link(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Flushes a folder's entries (so a rename survives a power cut); best effort. */
  syncDir?(path: string): Promise<void>;
}

export interface SaveHandle {
  write(data: Uint8Array): Promise<void>;
  /** Flushes to the disk (fsync). */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const nodeSaveFs: SaveFs = {
  async create(path) {
    const handle = await open(path, 'wx', 0o644);
    return {
      write: async (data) => {
        await handle.write(data);
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  async copyNew(from, to) {
    await copyFile(from, to, constants.COPYFILE_EXCL);
    const handle = await open(to, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  size: async (path) => (await stat(path)).size,
  rename,
  link,
  unlink,
  exists: (path) =>
    stat(path).then(
      () => true,
      () => false,
    ),
  async syncDir(path) {
    // Not every platform can open a folder for fsync (Windows cannot): then the OS flushes it later.
    const dir = await open(path, 'r').catch(() => null);
    await dir?.sync().catch(() => undefined);
    await dir?.close();
  },
};
