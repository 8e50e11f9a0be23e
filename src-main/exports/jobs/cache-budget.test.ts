import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheBudget } from './cache-budget';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-cache-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

async function job(id: string, bytes: number, ageS: number) {
  await mkdir(join(dir, id, 'chunks'), { recursive: true });
  const file = join(dir, id, 'chunks', '0000.parquet');
  await writeFile(file, Buffer.alloc(bytes));
  const t = Date.now() / 1000 - ageS;
  await utimes(file, t, t);
}

describe('the export cache', () => {
  it('drops the oldest job folders past its limit, never a pinned one, and says which', async () => {
    await job('old', 400, 300);
    await job('open', 400, 200);
    await job('mid', 400, 100);
    await job('new', 400, 0);
    const told: string[] = [];
    const budget = cacheBudget({
      dir,
      limitBytes: async () => 900,
      pinned: () => new Set(['open']),
      dropped: async (id) => void told.push(id),
    });
    expect(await budget.enforce()).toEqual(['old', 'mid']);
    expect(told).toEqual(['old', 'mid']);
    expect((await readdir(dir)).sort()).toEqual(['new', 'open']);
    expect(await budget.enforce()).toEqual([]);
  });
});
