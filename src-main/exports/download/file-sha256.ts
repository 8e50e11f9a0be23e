import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/**
 * The SHA-256 of a file, read in 1 MB pieces into one buffer. A read stream allocated a fresh
 * 1 MB Buffer a piece: an XL csv export hashed 328 MB of garbage on the thread that answers the
 * window, and V8 answers that much external memory with full collections on that thread.
 */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  const piece = Buffer.allocUnsafe(1 << 20);
  const file = await open(path, 'r');
  try {
    for (;;) {
      const { bytesRead } = await file.read(piece, 0, piece.byteLength, null);
      if (bytesRead === 0) break;
      hash.update(piece.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}
