import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, extname } from 'node:path';

/*
 * A log file that rotates by size: `main.log` is written; when the next line would pass `maxBytes`
 * it becomes `main.1.log` (the older ones shift to .2, .3…) and the oldest past `files` goes. Lines
 * are written synchronously, so that the line before a crash is on disk and "Copy diagnostics"
 * reads what was logged a moment ago; a run logs a few lines a minute (never per row or batch).
 *
 * Why not pino-roll's stream, used directly (bench/micro/log-write.ts: 2 runs × 20,000 lines of
 * ~300 B, 100 kB a file, 5 files): it checks the size only once the stream drains, so a burst
 * never rolls (one 8.9 MB file, synchronous or not; asynchronous, also with the event loop turning
 * every 10 lines); synchronous and spread it rolled, but numbers files on from the last run
 * (main.84.log…). This one: 5 files named main.log, main.1.log…, none over 100 kB, 14-17 µs a line
 * with pino and the redactor (pino-roll 12-25 µs, unredacted).
 */

export interface RotatingFileOptions {
  /** The current file, e.g. `<dataDir>/logs/main.log`. */
  path: string;
  /** A file is rotated before it would pass this size. */
  maxBytes: number;
  /** How many files are kept, the current one included. */
  files: number;
}

export interface RotatingFile {
  readonly path: string;
  write(line: string): void;
  close(): void;
}

/** `main.log` → `main.2.log`; 0 is the current file. */
export function rotatedPath(path: string, index: number): string {
  if (index === 0) return path;
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}.${index}${ext}`;
}

export function openRotatingFile(opts: RotatingFileOptions): RotatingFile {
  mkdirSync(dirname(opts.path), { recursive: true });
  let fd: number | null = openSync(opts.path, 'a');
  let size = fstatSync(fd).size;

  const rotate = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
    rmSync(rotatedPath(opts.path, opts.files - 1), { force: true });
    for (let i = opts.files - 2; i >= 0; i--) {
      try {
        renameSync(rotatedPath(opts.path, i), rotatedPath(opts.path, i + 1));
      } catch (error) {
        // A gap in the numbering (a file removed by hand) is no reason to stop rotating.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    fd = openSync(opts.path, 'a');
    size = 0;
  };

  return {
    path: opts.path,
    write(line) {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > opts.maxBytes) rotate();
      // Reopened after a rotation that failed half-way (the file was open elsewhere on Windows).
      fd ??= openSync(opts.path, 'a');
      writeSync(fd, line);
      size += bytes;
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
