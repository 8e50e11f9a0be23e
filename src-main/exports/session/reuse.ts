import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceChunk, type ChunkRecord, type ManifestStore } from '../manifest/manifest';
import type { SessionOutput } from './outputs/session-output';

/*
 * The resume step: before a session runs, every chunk an earlier run recorded as further along
 * than pending is checked against what is on disk, and goes back a step when it does not hold
 * (a cache may have been cleared, a part deleted). A chunk recorded as requested is asked for
 * again (its link may have expired). The one place a reused part is verified: checks of rows,
 * bytes and SHA-256, and the lock on the work folder, belong here.
 */

const hasFile = (path: string, size: number) =>
  stat(path).then(
    (s) => s.isFile() && s.size === size,
    () => false,
  );

/** Whether a chunk recorded done or downloaded still has what later steps read. */
async function intact(dir: string, chunk: ChunkRecord, outputs: readonly SessionOutput[]): Promise<boolean> {
  if (chunk.state === 'downloaded') return !!chunk.download && hasFile(join(dir, chunk.download.file), chunk.download.bytes);
  if (chunk.state !== 'done' || chunk.rows === 0) return true;
  for (const output of outputs) if (!(await output.intact(chunk))) return false;
  return true;
}

export async function verifyReused(manifest: ManifestStore, outputs: readonly SessionOutput[]): Promise<void> {
  for (const c of manifest.get().chunks) {
    if (c.state === 'done' || c.state === 'downloaded') {
      if (!(await intact(manifest.dir, c, outputs)))
        await manifest.update((m) => replaceChunk(m, c.name, { ...c, state: 'pending', download: undefined }));
    } else if (c.state === 'requested') {
      await manifest.update((m) => replaceChunk(m, c.name, { ...c, state: 'pending' }));
    }
  }
}
