import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSelectedSignal } from '../../../src-preload/contract/testing/signals';
import { AppError } from '../../errors/app-error';
import { manifestStore, readManifest, type Manifest, type ManifestStore } from '../manifest/manifest';
import { DEFAULT_PLAN } from '../plan/chunk-plan';
import { jobProgress } from '../session/session-progress';
import { runChunks, type ChunkLive, type ChunkSteps } from './chunk-runner';

/*
 * The runner's first chunk is asked for while the plan's first record is written (its fsync off
 * the request's path), on a real manifest store on disk. The steps answer "no data" (an empty
 * chunk): what is tested is the order of the runner's own writes, not Nortech.
 */

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-runner-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

const fresh = (jobId: string): Manifest => ({
  kind: 'signal-explorer-export-manifest',
  version: 1,
  jobId,
  createdAt: 0,
  request: {
    connectionId: 'demo',
    signals: [testSelectedSignal({ id: 1, name: 'S', physicalUnit: 'bar', rename: '1' })],
    timeWindow: { start: '2025-01-01T00:00:00.000Z', end: '2025-01-01T06:00:00.000Z' },
    format: 'csv',
    values: { kind: 'raw' },
  },
  apiUrl: null,
  measured: { rows: 0, ms: 0 },
  planned: false,
  chunks: [],
});

/** A real store whose updates wait for `gate` (the first, the plan's, is held until the request is out), or fail. */
function gated(store: ManifestStore, gate: Promise<void>, fail?: Error): ManifestStore & { writes: string[] } {
  const writes: string[] = [];
  return {
    dir: store.dir,
    get: () => store.get(),
    settled: () => store.settled(),
    writes,
    update: async (change) => {
      await gate;
      if (fail) throw fail;
      const next = await store.update(change);
      writes.push(next.chunks.map((c) => `${c.name}:${c.state}`).join(','));
      return next;
    },
  };
}

const emptySteps = (onRequest: () => void): ChunkSteps => ({
  request: async () => {
    onRequest();
    return null;
  },
  download: () => Promise.reject(new Error('no download for an empty chunk')),
  checksum: () => Promise.reject(new Error('no checksum for an empty chunk')),
  read: () => Promise.reject(new Error('no read for an empty chunk')),
});

describe('the chunk runner', () => {
  it('asks for the first chunk before its plan is on disk, and records it done after the plan', async () => {
    const jobDir = join(dir, 'order');
    await mkdir(jobDir);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const store = gated(manifestStore(jobDir, fresh('order')), gate);
    let requestedBeforePlan = false;
    const running = runChunks({
      manifest: store,
      steps: emptySteps(() => {
        requestedBeforePlan = store.writes.length === 0;
        open();
      }),
      concurrency: 2,
      plan: DEFAULT_PLAN,
      signal: new AbortController().signal,
    });
    await running;
    expect(requestedBeforePlan).toBe(true);
    // The plan's record first, then the chunk done in it (six hours: one chunk, the whole plan).
    expect(store.writes).toEqual(['0000:pending', '0000:done']);
    const onDisk = await readManifest(jobDir);
    expect(onDisk?.chunks[0]).toMatchObject({ name: '0000', state: 'done', rows: 0 });
  });

  it("fails with the first chunk's failure when its request fails before the plan is on disk", async () => {
    const jobDir = join(dir, 'refused');
    await mkdir(jobDir);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const store = gated(manifestStore(jobDir, fresh('refused')), gate);
    const refused = new AppError('unauthorized', 'The API key was refused.');
    const steps: ChunkSteps = {
      ...emptySteps(() => {}),
      request: async () => {
        setTimeout(open, 20);
        throw refused;
      },
    };
    await expect(
      runChunks({ manifest: store, steps, concurrency: 1, plan: DEFAULT_PLAN, signal: new AbortController().signal }),
    ).rejects.toBe(refused);
  });

  it("shows a retry of the first chunk's request while the plan is not yet on disk", async () => {
    const jobDir = join(dir, 'retry');
    await mkdir(jobDir);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const store = gated(manifestStore(jobDir, fresh('retry')), gate);
    let live: ReadonlyMap<string, ChunkLive> = new Map();
    let seen: ReturnType<typeof jobProgress> | null = null;
    const steps: ChunkSteps = {
      ...emptySteps(() => {}),
      request: async (_chunk, _signal, onRetry) => {
        onRetry?.(1, 'Nortech answered 503 Service Unavailable');
        // What the window is sent now: the plan's record has not landed.
        seen = jobProgress(store.get(), live, 0);
        open();
        return null;
      },
    };
    await runChunks({
      manifest: store,
      steps,
      concurrency: 1,
      plan: DEFAULT_PLAN,
      signal: new AbortController().signal,
      onChange: (l) => (live = l),
    });
    expect(store.writes[0]).toBe('0000:pending');
    expect(seen!.retrying).toEqual([
      {
        index: 0,
        slice: { start: Date.parse('2025-01-01T00:00:00.000Z'), end: Date.parse('2025-01-01T06:00:00.000Z') },
        attempt: 1,
        reason: 'Nortech answered 503 Service Unavailable',
      },
    ]);
  });

  it('fails with the plan write when it fails', async () => {
    const jobDir = join(dir, 'fails');
    await mkdir(jobDir);
    const full = new AppError('file', 'The disk is full.');
    const store = gated(manifestStore(jobDir, fresh('fails')), Promise.resolve(), full);
    await expect(
      runChunks({ manifest: store, steps: emptySteps(() => {}), concurrency: 1, plan: DEFAULT_PLAN, signal: new AbortController().signal }),
    ).rejects.toBe(full);
  });
});
