import { open, rm } from 'node:fs/promises';

/** One file a sink writes: appended in order with its bytes counted, closed at the end, removed on abort. */
export interface SinkFile {
  readonly path: string;
  readonly bytes: number;
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** Closes (if still open) and deletes the file. */
  remove(): Promise<void>;
}

/** `flags`: 'w' replaces a file; 'wx' refuses one that exists (a temporary name of our own). */
export async function openSinkFile(path: string, flags: 'w' | 'wx' = 'w'): Promise<SinkFile> {
  const handle = await open(path, flags);
  let bytes = 0;
  return {
    path,
    get bytes() {
      return bytes;
    },
    async write(data) {
      if (!data.length) return;
      await handle.write(data);
      bytes += data.length;
    },
    close: () => handle.close(),
    async remove() {
      // Closed already, or failing as it closes: the file is removed next either way.
      await handle.close().catch(() => undefined);
      await rm(path, { force: true });
    },
  };
}
