import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFile, serialized, writeJsonFile } from './json-file';

const Schema = z.array(z.object({ n: z.number() }));

describe('json files', () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-json-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads back what it wrote, leaving no temporary file behind', async () => {
    const file = join(dir, 'nested', 'a.json');
    await writeJsonFile(file, [{ n: 1 }, { n: 2 }]);
    await expect(readJsonFile(file, Schema, [])).resolves.toEqual([{ n: 1 }, { n: 2 }]);
    expect(await readdir(join(dir, 'nested'))).toEqual(['a.json']);
  });

  it('answers the fallback for a missing file', async () => {
    await expect(readJsonFile(join(dir, 'missing.json'), Schema, [{ n: 0 }])).resolves.toEqual([{ n: 0 }]);
  });

  it('names a file that is not JSON, or not of the expected shape', async () => {
    await writeFile(join(dir, 'bad.json'), '[{"n": 1},');
    await expect(readJsonFile(join(dir, 'bad.json'), Schema, [])).rejects.toMatchObject({
      kind: 'file',
      message: expect.stringContaining('bad.json'),
    });
    await writeFile(join(dir, 'shape.json'), '[{"n": "one"}]');
    await expect(readJsonFile(join(dir, 'shape.json'), Schema, [])).rejects.toMatchObject({ kind: 'file' });
  });

  it('keeps the old file whole when the new one cannot be put in place', async () => {
    const file = join(dir, 'a.json');
    await writeJsonFile(file, [{ n: 1 }]);
    // A directory in the way of the rename: the write fails, the old content survives, no temp file is left.
    await mkdir(join(dir, 'in-the-way'));
    await expect(writeJsonFile(join(dir, 'in-the-way'), [{ n: 2 }])).rejects.toThrow();
    await expect(readJsonFile(file, Schema, [])).resolves.toEqual([{ n: 1 }]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('runs queued read-modify-write cycles one after another', async () => {
    const file = join(dir, 'counter.json');
    const queue = serialized();
    const bump = () => queue(async () => writeJsonFile(file, [{ n: (await readJsonFile(file, Schema, [{ n: 0 }]))[0]!.n + 1 }]));
    await Promise.all(Array.from({ length: 10 }, bump));
    await expect(readJsonFile(file, Schema, [])).resolves.toEqual([{ n: 10 }]);
  });
});
