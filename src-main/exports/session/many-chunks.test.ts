import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../manifest/manifest';
import { exportFixture, testSessions } from '../testing/fixture';
import type { ExportSessions } from './export-session';

/*
 * A plan at the schema's maximum, 100,000 chunks, eight at a time: chunks get going at once (before,
 * the runner's and the manifest's work grew with the square of the chunk count, and after 90 s
 * nothing had started), and what is done is on disk for a resume after every chunk.
 */

let fx: Awaited<ReturnType<typeof exportFixture>>;
let sessions: ExportSessions;
beforeAll(async () => {
  fx = await exportFixture();
  sessions = testSessions(fx.pool);
});
afterAll(() => fx.close());

const CHUNKS = 100_000;
const MINUTE = 60_000;

describe('a plan of 100,000 chunks', () => {
  it('starts its chunks at once and keeps every done one on disk', async () => {
    const start = Date.parse('2025-01-01T00:00:00Z');
    const slices = Array.from({ length: CHUNKS }, (_, i) => ({ start: start + i * MINUTE, end: start + (i + 1) * MINUTE }));
    const signals = await fx.selected([10005]);
    const request = fx.request(signals, 'csv', new Date(start).toISOString(), new Date(start + CHUNKS * MINUTE).toISOString());
    const dir = join(fx.dir, 'cache', 'many');
    const session = sessions.start({
      request,
      connection: { apiUrl: fx.emulator.baseUrl, apiKey: fx.emulator.apiKey },
      work: { kind: 'cache', dir },
      existing: 'refuse',
      chunks: { kind: 'preset', slices },
      concurrency: 8,
      outputs: {},
      onProgress: (p) => {
        if (p.chunksDone >= 40) session.cancel();
      },
    });
    await expect(session.done).rejects.toMatchObject({ kind: 'cancelled' });
    const onDisk = (await readManifest(dir))!;
    expect(onDisk.chunks.length).toBe(CHUNKS);
    const done = onDisk.chunks.filter((c) => c.state === 'done');
    expect(done.length).toBeGreaterThanOrEqual(40);
    // What the session reported done is what a resume finds done.
    expect(done.map((c) => c.name)).toEqual(
      session
        .manifest()!
        .chunks.filter((c) => c.state === 'done')
        .map((c) => c.name),
    );
  });
});
