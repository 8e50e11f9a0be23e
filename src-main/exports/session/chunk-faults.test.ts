import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest } from '../../../src-preload/contract';
import { startEmulator, type Emulator } from '../../emulator';
import { AppError } from '../../errors/app-error';
import { createNortechClient } from '../../nortech/client';
import { toSignal } from '../../nortech/to-domain';
import { testSessions } from '../testing/fixture';
import { createWorkerPool, type WorkerPool } from '../worker/worker-pool';
import type { SessionSpec } from './export-session';
import { partsDir } from './work-folder';

/*
 * A chunked export through every fault the emulator knows, each ending complete and identical to
 * one request's file: chunks the server times out on (halved until they fit), 503 storms, cut
 * downloads (resumed with Range), expired download links (asked for again). And the floor: a slice
 * still too big at one minute fails, naming it. Each is a session with a file output, as the
 * command line starts it.
 */

let limited: Emulator;
let free: Emulator;
let pool: WorkerPool;
let dir: string;
const WINDOW = { start: '2025-03-01T00:00:00.250Z', end: '2025-03-01T03:00:00.250Z' };

beforeAll(async () => {
  // 2,000 rows at most a request: a 3-hour window of 1 s data (10,800 rows) must be cut to fit.
  limited = await startEmulator({ apiKey: 'k', maxRowsPerRequest: 2000 });
  free = await startEmulator({ apiKey: 'k' });
  pool = createWorkerPool(2);
  dir = await mkdtemp(join(tmpdir(), 'se-faults-'));
});
afterAll(async () => {
  await pool.close();
  await Promise.all([limited.close(), free.close()]);
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => limited.resetFaults());

async function request(): Promise<ExportRequest> {
  const client = createNortechClient({ apiUrl: free.baseUrl, apiKey: 'k', version: 'test' });
  const signals = await Promise.all([10001, 10002].map(async (id) => ({ ...toSignal(await client.getSignal(id)), rename: String(id) })));
  return { connectionId: 'cli', signals, timeWindow: WINDOW, format: 'csv', values: { kind: 'raw' } };
}

async function oneRequest(): Promise<Buffer> {
  const client = createNortechClient({ apiUrl: free.baseUrl, apiKey: 'k', version: 'test' });
  const answer = await client.requestDataSync({ signals: [10001, 10002], timeWindow: WINDOW, format: 'csv' });
  return Buffer.from(await (await fetch(answer.outputFile)).arrayBuffer());
}

let n = 0;
async function exportWith(over: Partial<SessionSpec> = {}) {
  const path = join(dir, `out-${n++}.csv`);
  const sessions = testSessions(pool, { version: 'test' });
  const result = await sessions.start({
    request: await request(),
    connection: { apiUrl: limited.baseUrl, apiKey: 'k' },
    work: { kind: 'beside-output', dir: partsDir(path) },
    existing: 'refuse',
    chunks: { kind: 'measured' },
    concurrency: 3,
    outputs: { file: { path, format: 'csv', text: { timeZone: 'UTC', localTimeColumn: false, excelLocale: null }, overwrite: false } },
    ...over,
  }).done;
  return { path, result };
}

describe('chunked exports through faults', () => {
  it('halves chunks the server times out on until they fit, every row once', async () => {
    const { path, result } = await exportWith();
    expect((await readFile(path)).equals(await oneRequest())).toBe(true);
    expect(result.chunks.length).toBeGreaterThanOrEqual(6);
    expect(result.chunks.every((c) => (c.rows ?? 0) <= 2000)).toBe(true);
    const refused = limited.dataRequests.filter((r) => r.outcome === 'Request timed out');
    expect(refused.length).toBeGreaterThanOrEqual(1);
  });

  it('rides out a 503 storm, cut downloads and expired links', async () => {
    limited.faults.retryAfterSeconds = 0;
    limited.faults.fail503Next = 3;
    limited.faults.cutDownloadsNext = 3;
    limited.faults.expireUrlsNext = 2;
    const { path, result } = await exportWith();
    expect((await readFile(path)).equals(await oneRequest())).toBe(true);
    // A chunk whose link had expired was asked for again.
    expect(result.chunks.filter((c) => c.requestIds.length === 2).length).toBe(2);
  });

  it('fails naming the slice when even a minute is too much for the server', async () => {
    const tiny = await startEmulator({ apiKey: 'k', maxRowsPerRequest: 30 });
    try {
      const error = await exportWith({ connection: { apiUrl: tiny.baseUrl, apiKey: 'k' } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).kind).toBe('server-timeout');
      // Three hours halved seven times: 84.375 s, whose halves would be under a minute. Which of the
      // halves gets there first depends on the machine's load (both run at once): any of the first
      // three hours' 128, named in the message as in the details.
      const slice = (error as AppError).details!.slice!;
      const from = Date.parse(WINDOW.start);
      expect(slice.end - slice.start).toBe(84_375);
      expect((slice.start - from) % 84_375).toBe(0);
      expect(slice.start).toBeGreaterThanOrEqual(from);
      expect(slice.end).toBeLessThanOrEqual(from + 3 * 3_600_000);
      const iso = (ms: number) => new Date(ms).toISOString();
      expect((error as AppError).message).toContain(`${iso(slice.start)} – ${iso(slice.end)}`);
    } finally {
      await tiny.close();
    }
  });
});
