import { stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { sha256OfFile } from '../download/file-sha256';
import { replaceChunk, type ChunkPart, type ChunkRecord, type ManifestStore } from '../manifest/manifest';
import type { SessionOutput, SinkWritten } from './outputs/session-output';

/*
 * The resume step: before a session runs, every chunk an earlier run recorded as further along
 * than pending is checked against what is on disk, and goes back a step when it does not hold
 * (a cache cleared, a part deleted or cut, a manifest edited by hand). A done chunk is reused only
 * if its record is whole (its parts listed, its rows' range known) and every part it lists still
 * has the bytes and SHA-256 taken when it was written; a downloaded one only if its file has its
 * size (and its SHA-256, once taken). A chunk recorded as requested is asked for again (its link
 * may have expired). Hashing a resumed export's parts again costs a read of them (~1 GB/s on this
 * machine): far less than asking Nortech again, and what stands between a resume and a silently
 * wrong file.
 */

/** A chunk that did not hold, and why (said to the user: names the part). */
export interface RefetchedChunk {
  chunk: string;
  reason: string;
}

async function fileProblem(path: string, name: string, bytes: number, sha256: string | undefined): Promise<string | null> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return `${name} is missing`;
  if (info.size !== bytes) return `${name} has ${info.size} bytes, not the ${bytes} it was written with`;
  if (sha256 !== undefined && (await sha256OfFile(path)) !== sha256)
    return `${name} is not the file that was written (its SHA-256 differs)`;
  return null;
}

/** What is wrong with a part in the work folder; dataset parts are their output's to check. */
const workPartProblem = (dir: string, part: ChunkPart) =>
  part.where === 'work' ? fileProblem(join(dir, part.file), part.file, part.bytes, part.sha256) : Promise.resolve(null);

/** Why a chunk recorded done or downloaded cannot be reused; null when it holds. */
async function problemOf(dir: string, chunk: ChunkRecord, outputs: readonly SessionOutput[]): Promise<string | null> {
  const { download } = chunk;
  if (chunk.state === 'downloaded') {
    if (!download) return 'its download is not recorded';
    return fileProblem(join(dir, download.file), download.file, download.bytes, download.sha256);
  }
  if (chunk.state !== 'done') return null;
  if (chunk.rows === undefined || !chunk.parts) return 'its record lacks what its outputs wrote (not written by a finished read)';
  if (chunk.rows > 0 && (chunk.first == null || chunk.last == null)) return 'its record has rows but no time range';
  if (chunk.rows === 0) return chunk.parts.length === 0 ? null : 'its record has parts but no rows';
  for (const part of chunk.parts) {
    const problem = await workPartProblem(dir, part);
    if (problem) return problem;
  }
  // A download some output reads as its piece (a parquet file joined as it came) is checked too.
  if (download?.sha256) {
    const problem = await fileProblem(join(dir, download.file), download.file, download.bytes, download.sha256);
    if (problem && !problem.endsWith('is missing')) return problem;
  }
  for (const output of outputs) if (!(await output.intact(chunk))) return 'a part of it in the output is missing or changed';
  return null;
}

/** Puts back to pending every chunk that does not hold; answers which, and why. */
export async function verifyReused(manifest: ManifestStore, outputs: readonly SessionOutput[]): Promise<RefetchedChunk[]> {
  const refetched: RefetchedChunk[] = [];
  for (const c of manifest.get().chunks) {
    if (c.state === 'done' || c.state === 'downloaded') {
      const reason = await problemOf(manifest.dir, c, outputs);
      if (reason) {
        refetched.push({ chunk: c.name, reason });
        const pending: ChunkRecord = { start: c.start, end: c.end, name: c.name, state: 'pending', requestIds: c.requestIds };
        await manifest.update((m) => replaceChunk(m, c.name, pending));
      }
    } else if (c.state === 'requested') {
      await manifest.update((m) => replaceChunk(m, c.name, { ...c, state: 'pending' }));
    }
  }
  return refetched;
}

/** The files a sink wrote in the work folder, as parts: hashed once, as they were written. */
export async function workParts(dir: string, written: SinkWritten | null): Promise<ChunkPart[]> {
  const parts: ChunkPart[] = [];
  for (const file of written?.files ?? []) {
    const [info, sha256] = await Promise.all([stat(file), sha256OfFile(file)]);
    parts.push({ where: 'work', file: relative(dir, file).split(sep).join('/'), bytes: info.size, sha256 });
  }
  return parts;
}
