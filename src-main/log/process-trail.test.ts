import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFileOf } from './app-log';

/*
 * A real process crashing with the log open: the crash's line is on disk (lines are written
 * synchronously), with the error and where it came from, the key in its message redacted; and the
 * process still ends as it would without a log (the monitor only listens).
 */

const KEY = 'sk-crash-CANARY-0a1b2c3d4e5f';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'se-crash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function crash(how: 'reject' | 'throw', dataDir: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/testing/crash-child.ts', dataDir, how, KEY], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a crash is logged', () => {
  it.each([
    ['reject', 'unhandledRejection'],
    ['throw', 'uncaughtException'],
  ] as const)('%s: the line is on disk, the process still ends with 1', async (how, origin) => {
    const dataDir = join(dir, how);
    const { code } = await crash(how, dataDir);
    expect(code).toBe(1);
    const text = await readFile(logFileOf(dataDir), 'utf8');
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: string; msg: string; origin?: string; err?: { message: string; stack: string } });
    expect(lines.map((l) => l.msg)).toEqual(['about to crash', 'Crashed: an error nothing caught']);
    expect(lines[1]).toMatchObject({ level: 'error', origin, err: { message: 'a bug that printed the key [redacted]' } });
    expect(lines[1]!.err!.stack).toContain('crash-child.ts');
    expect(text).not.toContain('CANARY');
  });
});
