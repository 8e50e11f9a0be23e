import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256OfFile } from './file-sha256';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'se-sha-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('sha256OfFile', () => {
  // Empty, under one piece, exactly one, and pieces plus a remainder (the buffer is reused between reads).
  it.each([0, 1000, 1 << 20, 3 * (1 << 20) + 12_345])('hashes a file of %i bytes as one pass over its bytes would', async (size) => {
    const bytes = randomBytes(size);
    const path = join(dir, `f${size}`);
    await writeFile(path, bytes);
    expect(await sha256OfFile(path)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('fails for a file that is not there', async () => {
    await expect(sha256OfFile(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
