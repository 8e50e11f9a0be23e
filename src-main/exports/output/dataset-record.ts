import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { sha256OfFile } from '../download/file-sha256';

/** A dataset folder's parquet files as its export record lists them: path, size, SHA-256. */
export async function datasetParts(dir: string, files: string[]): Promise<{ file: string; bytes: number; sha256: string }[]> {
  const parts = [];
  for (const path of [...files].sort())
    parts.push({ file: relative(dir, path), bytes: (await stat(path)).size, sha256: await sha256OfFile(path) });
  return parts;
}

/** One hash for a folder: of the list of its parts with theirs. */
export const listingSha256 = (parts: { file: string; bytes: number; sha256: string }[]) =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex');
