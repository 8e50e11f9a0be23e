import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import { unwritable, withLock } from './file-lock';

/**
 * Reads a JSON file of ours, checked with its schema. A missing file is `fallback`; a damaged one is
 * an error that names the file (never silently replaced: the user may want it back).
 */
export async function readJsonFile<T extends z.ZodType>(path: string, schema: T, fallback: z.output<T>): Promise<z.output<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw new AppError('file', `Could not read ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('file', `${path} is damaged (not JSON).`, { hint: 'Move the file away to start afresh.' });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AppError('file', `${path} is damaged: ${parsed.error.issues[0]?.message ?? 'unexpected content'}.`, {
      hint: 'Move the file away to start afresh.',
    });
  }
  return parsed.data;
}

/** Writes JSON so that a crash leaves the old file or the new one, never half of one: temp, fsync, rename. */
export async function writeJsonFile(path: string, data: unknown): Promise<void> {
  try {
    await writeJsonFileAs(path, data);
  } catch (error) {
    throw unwritable(error, path);
  }
}

async function writeJsonFileAs(path: string, data: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(data, null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Serialises read-modify-write cycles on one file, so two quick edits never lose one another: in
 * this process by a queue, and, given the file, between processes too (two hosts on one data
 * folder) by a lock file beside it, `NAME.lock`, held around each cycle (storage/file-lock.ts).
 */
export function serialized(file?: string) {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const locked = file ? () => withLock(`${file}.lock`, work) : work;
    const next = last.then(locked, locked);
    // The queue goes on after a failure; the failure itself is `next`'s, returned to the caller.
    last = next.catch(() => undefined);
    return next;
  };
}
