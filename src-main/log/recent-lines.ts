import { open } from 'node:fs/promises';
import { rotatedPath } from './rotating-file';

/*
 * The last lines of a rotating log (the current file, then the ones before it), for "Copy
 * diagnostics". Each file is read from its end, a block at a time, so a 5 MB file costs a few
 * blocks, not the whole file.
 */

const BLOCK = 64 * 1024;

/** The last `count` lines of one file, oldest first; [] when it does not exist. */
async function lastLinesOf(path: string, count: number): Promise<string[]> {
  const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    // A file not written yet (a fresh data folder) or rotated away: it has no lines.
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!file) return [];
  try {
    let end = (await file.stat()).size;
    let tail = Buffer.alloc(0);
    // One more newline than lines wanted: the first line in the block may be cut.
    const newlines = (b: Buffer) => b.reduce((n, byte) => n + (byte === 10 ? 1 : 0), 0);
    while (end > 0 && newlines(tail) <= count) {
      const start = Math.max(0, end - BLOCK);
      const block = Buffer.alloc(end - start);
      await file.read(block, 0, block.length, start);
      tail = Buffer.concat([block, tail]);
      end = start;
    }
    const lines = tail.toString('utf8').split('\n');
    if (end > 0) lines.shift(); // cut at the block's start
    return lines.filter((l) => l.length > 0).slice(-count);
  } finally {
    await file.close();
  }
}

/** The last `count` lines of the log whose current file is `path`, across its rotated files, oldest first. */
export async function recentLines(path: string, count: number, files: number): Promise<string[]> {
  let lines: string[] = [];
  for (let i = 0; i < files && lines.length < count; i++) {
    lines = [...(await lastLinesOf(rotatedPath(path, i), count - lines.length)), ...lines];
  }
  return lines;
}
