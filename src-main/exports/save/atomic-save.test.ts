import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error';
import { atomicCopy, atomicWrite } from './atomic-save';
import { nodeSaveFs, type SaveFs } from './save-fs';

let dir: string;
let src: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'se-save-'));
  src = join(dir, 'source.bin');
  await writeFile(src, Buffer.alloc(3 * 1024 * 1024 + 17, 7));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

/** The real file system, with one operation made to fail. */
function faulty(fail: { writeAt?: number; sync?: boolean; rename?: string; link?: string }): SaveFs {
  let writes = 0;
  return {
    ...nodeSaveFs,
    async create(path) {
      const h = await nodeSaveFs.create(path);
      return {
        write: async (data) => {
          if (fail.writeAt !== undefined && writes++ === fail.writeAt) throw errno('ENOSPC');
          await h.write(data);
        },
        sync: async () => {
          if (fail.sync) throw errno('EIO');
          await h.sync();
        },
        close: () => h.close(),
      };
    },
    rename: async (a, b) => {
      if (fail.rename) throw errno(fail.rename);
      await nodeSaveFs.rename(a, b);
    },
    link: async (a, b) => {
      if (fail.link) throw errno(fail.link);
      await nodeSaveFs.link(a, b);
    },
  };
}

const leftovers = async () => (await readdir(dir)).filter((f) => f.endsWith('.tmp'));

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('atomic save', () => {
  it('copies with size and SHA-256, and never replaces a file unless told', async () => {
    const dest = join(dir, 'out.parquet');
    const saved = await atomicCopy(src, dest, { overwrite: false });
    expect(saved.bytes).toBe(3 * 1024 * 1024 + 17);
    expect(saved.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await failure(atomicCopy(src, dest, { overwrite: false }));
    expect(again.kind).toBe('file');
    expect(again.message).toMatch(/exists already/);
    await atomicWrite(dest, [Buffer.from('new')], { overwrite: true });
    expect(await readFile(dest, 'utf8')).toBe('new');
    expect(await leftovers()).toEqual([]);
  });

  it('a failed write (disk full) leaves the target as it was and no temp file', async () => {
    const dest = join(dir, 'keep.csv');
    await writeFile(dest, 'original');
    for (const writeAt of [0, 1, 3]) {
      const e = await failure(atomicCopy(src, dest, { overwrite: true, fs: faulty({ writeAt }) }));
      expect(e.message).toMatch(/disk you are saving to is full/);
      expect(await readFile(dest, 'utf8')).toBe('original');
      expect(await leftovers()).toEqual([]);
    }
    await failure(atomicCopy(src, join(dir, 'fresh.csv'), { overwrite: false, fs: faulty({ writeAt: 2 }) }));
    expect((await readdir(dir)).includes('fresh.csv')).toBe(false);
  });

  it('a failed flush or rename leaves the target as it was', async () => {
    const dest = join(dir, 'keep2.csv');
    await writeFile(dest, 'original');
    await failure(atomicCopy(src, dest, { overwrite: true, fs: faulty({ sync: true }) }));
    await failure(atomicCopy(src, dest, { overwrite: true, fs: faulty({ rename: 'EIO' }) }));
    expect(await readFile(dest, 'utf8')).toBe('original');
    expect(await leftovers()).toEqual([]);
  });

  it('publishes without replacing via link; falls back to rename where links do not exist', async () => {
    const dest = join(dir, 'nolinks.json');
    await atomicWrite(dest, [Buffer.from('{}')], { overwrite: false, fs: faulty({ link: 'EPERM' }) });
    expect(await readFile(dest, 'utf8')).toBe('{}');
    const e = await failure(atomicWrite(dest, [Buffer.from('[]')], { overwrite: false, fs: faulty({ link: 'EPERM' }) }));
    expect(e.message).toMatch(/exists already/);
    await failure(atomicWrite(join(dir, 'linkfail.json'), [Buffer.from('x')], { overwrite: false, fs: faulty({ link: 'EIO' }) }));
    expect((await readdir(dir)).includes('linkfail.json')).toBe(false);
    expect(await leftovers()).toEqual([]);
  });

  it('names a missing folder plainly', async () => {
    const e = await failure(atomicWrite(join(dir, 'no', 'such', 'x.csv'), [Buffer.from('x')], { overwrite: false }));
    expect(e.message).toMatch(/does not exist/);
  });
});
