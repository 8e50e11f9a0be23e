import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestTask } from '../exports/worker/worker-protocol';
import { createWorkerPool, type WorkerPool } from '../exports/worker/worker-pool';
import { BACKGROUND_NICE, lowerThisThread } from './thread-priority';

/** A thread's nice value as the kernel holds it: field 19 of /proc/…/stat (after the name in parentheses). */
const niceOf = (statPath: string) => Number(readFileSync(statPath, 'latin1').split(') ')[1]!.split(' ')[16]);
const threadsOfThisProcess = () => readdirSync('/proc/self/task').map((tid) => ({ tid, nice: niceOf(`/proc/self/task/${tid}/stat`) }));

let dir: string;
let pool: WorkerPool;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'se-nice-'));
});
afterAll(async () => {
  await pool?.close();
  await rm(dir, { recursive: true, force: true });
});

const t0 = Date.parse('2025-01-01T00:00:00Z');
const ingest = (path: string): IngestTask => ({
  op: 'ingest',
  path,
  format: 'csv',
  specs: [{ names: ['x', '101'], dataType: 'float' }],
  slice: { start: t0, end: t0 + 10_000 },
  transforms: [],
  sinks: [],
  disk: 'cache',
});

describe('thread priority', () => {
  it('lowers nothing outside Linux, where pid 0 would be the whole process', () => {
    const before = getPriority(0);
    expect(lowerThisThread(BACKGROUND_NICE, 'win32')).toBe(false);
    expect(lowerThisThread(BACKGROUND_NICE, 'darwin')).toBe(false);
    expect(getPriority(0)).toBe(before);
  });

  it('runs each export worker at the background nice value, and leaves the thread that started them as it was', async () => {
    const ours = niceOf('/proc/thread-self/stat');
    expect(ours).toBeLessThan(BACKGROUND_NICE);
    const before = threadsOfThisProcess().filter((t) => t.nice === BACKGROUND_NICE).length;
    pool = createWorkerPool(2);
    const path = join(dir, 'a.csv');
    await writeFile(path, `timestamp,x\n${new Date(t0).toISOString()},1\n`);
    // Two tasks at once: both workers of the pool start.
    const results = await Promise.all([pool.run(ingest(path)), pool.run(ingest(path))]);
    expect(results.map((r) => r.rows)).toEqual([1, 1]);
    const lowered = threadsOfThisProcess().filter((t) => t.nice === BACKGROUND_NICE);
    expect(lowered.length - before).toBe(2);
    expect(niceOf('/proc/thread-self/stat')).toBe(ours);
    expect(niceOf(`/proc/self/task/${process.pid}/stat`)).toBe(ours);
  });
});
