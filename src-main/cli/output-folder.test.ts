import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cliInProcess } from './testing/cli-in-process';
import { startScriptedServer, type ScriptedServer } from '../nortech/testing/scripted-server';
import { canMountSmallDisk, onSmallDisk } from '../testing/small-disk';

/*
 * The output folder is checked before Nortech is asked anything: a missing or read-only folder
 * is exit 2 at once, not after the data was requested and downloaded.
 */

let nortech: ScriptedServer;
let dir: string;
beforeAll(async () => {
  nortech = await startScriptedServer({ status: 500, json: { status: 'should not be asked' } });
  dir = await mkdtemp(join(tmpdir(), 'se-cli-folder-'));
});
afterAll(async () => {
  await nortech.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => nortech.script({ status: 500, json: { status: 'should not be asked' } }));

const WINDOW = ['--start', '2025-05-01T00:00:00Z', '--end', '2025-05-01T00:10:00Z'];

const exportTo = (output: string) =>
  cliInProcess({ apiUrl: nortech.url, apiKey: 'k' }, ['export', '--signal-id', '10001', ...WINDOW, '-o', output]);

describe('the output folder, checked first', () => {
  it('a folder that does not exist: exit 2, nothing asked of Nortech', async () => {
    const r = await exportTo(join(dir, 'missing', 'out.csv'));
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/does not exist/)]);
    expect(nortech.requests).toHaveLength(0);
  });

  it('a file where the folder should be: exit 2, nothing asked', async () => {
    await writeFile(join(dir, 'plain-file'), '');
    const r = await exportTo(join(dir, 'plain-file', 'out.csv'));
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/not a folder/)]);
    expect(nortech.requests).toHaveLength(0);
  });

  (canMountSmallDisk() ? it : it.skip)('a read-only folder (a read-only mount, which binds root too): exit 2, nothing asked', async () => {
    const disk = await mkdtemp(join(dir, 'ro-'));
    const run = await onSmallDisk({
      dir: disk,
      sizeBytes: 64 * 1024,
      readOnly: true,
      command: [
        process.execPath,
        '--import',
        'tsx',
        'src-main/cli/index.ts',
        'export',
        '--signal-id',
        '10001',
        ...WINDOW,
        '-o',
        join(disk, 'out.csv'),
      ],
      env: { ...process.env, NORTECH_API_URL: nortech.url, NORTECH_API_KEY: 'k' },
    });
    expect([run.code, run.stderr]).toEqual([2, expect.stringMatching(/may not write to/)]);
    expect(nortech.requests).toHaveLength(0);
  });
});
