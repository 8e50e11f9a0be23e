import { createReadStream } from 'node:fs';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Format } from '../../../src-preload/contract';
import { appendParquet } from '../../formats/parquet/parquet-append';
import type { Logger } from '../../log/logger';
import { downloadPath, type ChunkRecord, type Manifest } from '../manifest/manifest';
import type { WorkerPool } from '../worker/worker-pool';
import { atomicWrite, type SavedFile } from './atomic-save';

/*
 * The export in the format it was downloaded in, as one file the job holds (its "held file"), so
 * that Save… in that format is a copy the OS makes (stageCopyFile) with a hash already known:
 * - one chunk: its download itself, hashed while it was read (the manifest's SHA-256);
 * - several: their downloads joined in time order, byte for byte the file one request gives (csv:
 *   the header once; json: one array; parquet: row groups under one footer), into `held.<format>`
 *   in the job's folder, written once the job is ready (in the background: the user is looking at
 *   the preview), hashed while it is written; `held-record.json` beside it says of which downloads.
 * Downloads that cannot be joined byte for byte (another server's csv header, a json layout not
 * ours) have no held file: Save… then converts, as for any other format.
 */

export type HeldFile = SavedFile;

// Not `held.json`: that is the held file of a json export.
const HELD_RECORD = 'held-record.json';

const HeldRecord = z.object({
  format: z.enum(['parquet', 'csv', 'json']),
  /** The downloads joined, in order, by name and hash: a held file of other downloads is stale. */
  pieces: z.array(z.object({ name: z.string(), sha256: z.string() })),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
type HeldRecord = z.infer<typeof HeldRecord>;

/** Downloads whose bytes cannot be joined into the one-request file. */
class NotJoinable extends Error {}

async function* bytesOf(path: string, start: number, end?: number): AsyncIterable<Uint8Array> {
  // `end` inclusive, as createReadStream counts it; a 1 MB read keeps the hash and the write busy.
  if (end !== undefined && end < start) return;
  yield* createReadStream(path, { start, ...(end !== undefined ? { end } : {}), highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
}

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A csv download's header line, with its newline. */
async function csvHeader(path: string): Promise<Buffer> {
  const head = await readAt(path, 0, 1 << 16);
  const nl = head.indexOf(0x0a);
  if (nl < 0) throw new NotJoinable(`${path}: no header line within 64 KB`);
  return head.subarray(0, nl + 1);
}

const JSON_TAIL = Buffer.from('\n]\n');
const JSON_COMMA = Buffer.from(',');

/** A json download's size, once it is seen to be `[`, rows each led by `\n` (after the first, `,\n`), `\n]\n`. */
async function jsonSize(path: string): Promise<number> {
  const { size } = await stat(path);
  const head = await readAt(path, 0, 2);
  const tail = await readAt(path, Math.max(0, size - 3), 3);
  if (size < 5 || head.toString('latin1') !== '[\n' || !tail.equals(JSON_TAIL)) throw new NotJoinable(`${path}: not a json array of ours`);
  return size;
}

/** The downloads (in time order, each with rows) as the bytes of the one file they make. */
export async function* joinDownloads(format: Format, paths: readonly string[]): AsyncIterable<Uint8Array> {
  switch (format) {
    case 'parquet':
      yield* appendParquet(paths);
      return;
    case 'csv': {
      const header = await csvHeader(paths[0]!);
      for (const [i, path] of paths.entries()) {
        if (i === 0) {
          yield* bytesOf(path, 0);
          continue;
        }
        const own = await csvHeader(path);
        if (!own.equals(header)) throw new NotJoinable(`${path}: another header than the first download's`);
        yield* bytesOf(path, own.length);
      }
      return;
    }
    case 'json':
      for (const [i, path] of paths.entries()) {
        const size = await jsonSize(path);
        // The first keeps its `[`; the others' rows follow a comma; every closing `\n]\n` but the last goes.
        if (i > 0) yield JSON_COMMA;
        yield* bytesOf(path, i === 0 ? 0 : 1, size - JSON_TAIL.length - 1);
      }
      yield JSON_TAIL;
      return;
  }
}

/** Whether the downloads join byte for byte (csv: one header; json: our array layout); parquet's footers are checked as they are joined. */
async function joinable(format: Format, paths: readonly string[]): Promise<boolean> {
  try {
    if (format === 'csv') {
      const first = await csvHeader(paths[0]!);
      for (const path of paths.slice(1)) if (!(await csvHeader(path)).equals(first)) return false;
    }
    if (format === 'json') for (const path of paths) await jsonSize(path);
    return true;
  } catch (error) {
    if (error instanceof NotJoinable) return false;
    throw error;
  }
}

/** The chunks with rows, in time order, and their downloads. */
function piecesOf(dir: string, m: Manifest): { chunk: ChunkRecord; path: string }[] {
  return m.chunks
    .filter((c) => c.state === 'done' && !!c.download && c.rows !== 0)
    .map((chunk) => ({ chunk, path: downloadPath(dir, chunk, m.request.format) }));
}

async function readRecord(dir: string): Promise<HeldRecord | null> {
  try {
    return HeldRecord.parse(JSON.parse(await readFile(join(dir, HELD_RECORD), 'utf8')));
  } catch {
    // Missing or damaged (a crash while it was written): the held file is made again.
    return null;
  }
}

export interface HeldFiles {
  /** A job is ready: its held file is made now, in the background (a failure is logged; Save… then makes or converts). */
  prepare(dir: string, m: Manifest): void;
  /** The held file of a ready job, made now if it is not yet (or waited for); null when its downloads cannot be joined. */
  get(dir: string, m: Manifest): Promise<HeldFile | null>;
  /** A save from it failed: the next get looks at the disk again rather than trust what it remembers. */
  forget(dir: string): void;
}

/** `pool`: the held file is joined and hashed in an export worker (the main thread only asks). */
export function heldFiles(log?: Logger, pool?: WorkerPool): HeldFiles {
  // One making at a time per job folder; the result lives on disk (held-record.json), not here.
  const making = new Map<string, Promise<HeldFile | null>>();
  // What each job folder's held file was last found to be, for the same downloads: a save asks
  // again without reading held-record.json and stat-ing the file (0.8 ms quiet, 13-32 ms when the
  // thread pool queued behind others' I/O). The copy still checks the size it copied.
  const known = new Map<string, { want: string; held: HeldFile | null }>();

  async function make(dir: string, m: Manifest): Promise<HeldFile | null> {
    const pieces = piecesOf(dir, m);
    const want = JSON.stringify(pieces.map((p) => [p.chunk.name, p.chunk.download?.sha256, p.chunk.sorted]));
    const seen = known.get(dir);
    if (seen?.want === want) return seen.held;
    const held = await find(dir, m, pieces);
    known.set(dir, { want, held });
    return held;
  }

  async function find(dir: string, m: Manifest, pieces: { chunk: ChunkRecord; path: string }[]): Promise<HeldFile | null> {
    if (!pieces.length || pieces.some((p) => !p.chunk.download?.sha256)) return null;
    // A file Nortech sent out of time order was sorted as it was read: its download is not what the export holds.
    if (pieces.some((p) => p.chunk.sorted === false)) {
      log?.info('a download came out of time order; Save writes the sorted rows', { pieces: pieces.length });
      return null;
    }
    if (pieces.length === 1) {
      const d = pieces[0]!.chunk.download!;
      return { path: pieces[0]!.path, bytes: d.bytes, sha256: d.sha256! };
    }
    const format = m.request.format;
    const path = join(dir, `held.${format}`);
    const want = pieces.map((p) => ({ name: p.chunk.name, sha256: p.chunk.download!.sha256! }));
    const record = await readRecord(dir);
    if (record && record.format === format && JSON.stringify(record.pieces) === JSON.stringify(want)) {
      const size = await stat(path).then(
        (s) => s.size,
        () => -1,
      );
      if (size === record.bytes) return { path, bytes: record.bytes, sha256: record.sha256 };
    }
    const paths = pieces.map((p) => p.path);
    if (!(await joinable(format, paths))) {
      log?.info('the downloads are not joinable byte for byte; Save converts them', { format, pieces: paths.length });
      return null;
    }
    const saved = pool
      ? await pool.run({ op: 'hold', format, paths, path })
      : await atomicWrite(path, joinDownloads(format, paths), { overwrite: true });
    const next: HeldRecord = { format, pieces: want, bytes: saved.bytes, sha256: saved.sha256 };
    await writeFile(join(dir, HELD_RECORD), `${JSON.stringify(next)}\n`);
    return { path: saved.path, bytes: saved.bytes, sha256: saved.sha256 };
  }

  function get(dir: string, m: Manifest): Promise<HeldFile | null> {
    const running = making.get(dir);
    if (running) return running;
    const next = make(dir, m).finally(() => making.delete(dir));
    making.set(dir, next);
    return next;
  }

  return {
    prepare(dir, m) {
      get(dir, m).catch((error: unknown) => log?.warn('the held file of a ready export was not made', { err: error }));
    },
    get,
    forget: (dir) => known.delete(dir),
  };
}
