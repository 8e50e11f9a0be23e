import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { AppError } from '../errors/app-error';

/*
 * A lock between processes, as a file: made whole or not at all (its holder written to a temporary
 * file, then hard-linked to the lock's name, which fails when the name exists), holding the
 * holder's pid and host. It is stale when its holder is a process of this host that no longer
 * runs (kill -9, a crash): the next taker removes it. A lock of another host is never taken over
 * (its pid means nothing here): the message names it. JS only: no native flock.
 */

/** A folder that may not be written (read-only, no permission) as the user should hear it: nothing was changed. */
export function unwritable(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code !== 'EROFS' && code !== 'EACCES' && code !== 'EPERM') return error;
  return new AppError(
    'file',
    `${dirname(path)} cannot be written (${code === 'EROFS' ? 'read-only' : 'no permission'}): ${path} was left as it was.`,
    {
      hint: 'Make the data folder writable again, then repeat what you did; nothing saved before was lost.',
    },
  );
}

export interface LockHolder {
  pid: number;
  host: string;
  since: number;
}

export interface HeldLock {
  release(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function readHolder(path: string): Promise<LockHolder | null | 'gone'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h.pid === 'number' && typeof h.host === 'string') return { pid: h.pid, host: h.host, since: Number(h.since) || 0 };
  } catch {
    // Not ours, or damaged: treated as held by nobody we can name.
  }
  return null;
}

const isStale = (h: LockHolder | null) => h !== null && h.host === hostname() && h.pid !== process.pid && !alive(h.pid);

/** Takes the lock at `path` if it is free or stale; else answers who holds it (null: a lock file that names no one). */
export async function tryLock(path: string): Promise<HeldLock | { heldBy: LockHolder | null }> {
  const me: LockHolder = { pid: process.pid, host: hostname(), since: Date.now() };
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const holder = JSON.stringify(me);
  // A store's first write may come before its folder exists (a new data folder): made as the write would.
  await writeFile(tmp, holder)
    .catch(async (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(dirname(path), { recursive: true });
      await writeFile(tmp, holder);
    })
    .catch((error: unknown) => {
      throw unwritable(error, path);
    });
  try {
    for (let tries = 0; ; tries++) {
      try {
        await link(tmp, path);
        return { release: () => releaseIfMine(path, me) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries >= 3) throw error;
      }
      const holder = await readHolder(path);
      if (holder === 'gone') continue;
      if (!isStale(holder)) return { heldBy: holder };
      // Read again just before removing it: another taker may have replaced it meanwhile.
      const again = await readHolder(path);
      if (again !== 'gone' && JSON.stringify(again) === JSON.stringify(holder)) await rm(path, { force: true });
    }
  } finally {
    await rm(tmp, { force: true });
  }
}

async function releaseIfMine(path: string, me: LockHolder): Promise<void> {
  const holder = await readHolder(path);
  if (holder !== 'gone' && holder?.pid === me.pid && holder.host === me.host && holder.since === me.since) await rm(path, { force: true });
}

export const describeHolder = (h: LockHolder | null) =>
  h
    ? `process ${h.pid} on ${h.host === hostname() ? 'this machine' : h.host}, since ${new Date(h.since).toISOString()}`
    : 'an unknown process';

/**
 * Runs `work` holding the lock at `path`, waiting while another process holds it (a store's
 * read-modify-write takes milliseconds); gives up after `waitMs` with a message naming the holder.
 */
export async function withLock<T>(path: string, work: () => Promise<T>, waitMs = 10_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let delay = 2; ; delay = Math.min(50, delay * 2)) {
    const lock = await tryLock(path);
    if ('release' in lock) {
      try {
        return await work();
      } finally {
        await lock.release();
      }
    }
    if (Date.now() > deadline)
      throw new AppError('file', `${path} is held by ${describeHolder(lock.heldBy)}.`, {
        hint: 'Close the other Signal Explorer using this data folder, or delete the lock file if no such process runs.',
      });
    await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
  }
}
