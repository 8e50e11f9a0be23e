import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportRequest, Slice } from '../../../src-preload/contract';
import { createNortechClient, type NortechClientOptions } from '../../nortech/client';
import { manifestStore, type ChunkRecord } from '../manifest/manifest';
import { DEFAULT_PLAN, type PlanOptions } from '../plan/chunk-plan';
import { runChunks } from '../run/chunk-runner';
import { chunkSteps, columnSpecs } from '../run/chunk-steps';
import { createWorkerPool } from '../worker/worker-pool';
import { rawColumns } from './output-columns';

/**
 * The chunks of an export, measured as the export itself would: the first slices are asked for
 * and read (nothing is kept) until one holds rows, and the rest of the window is cut by that
 * density. What `plan --output plan.json` writes for shards to share.
 */
export async function planExport(o: {
  request: ExportRequest;
  connection: { apiUrl: string; apiKey: string };
  version: string;
  plan?: Partial<PlanOptions>;
  client?: Omit<NortechClientOptions, 'apiUrl' | 'apiKey' | 'version'>;
  signal?: AbortSignal;
}): Promise<Slice[]> {
  const dir = await mkdtemp(join(tmpdir(), 'signal-explorer-plan-'));
  const pool = createWorkerPool(1);
  try {
    const manifest = manifestStore(dir, {
      kind: 'signal-explorer-export-manifest',
      version: 1,
      jobId: 'plan',
      createdAt: Date.now(),
      request: o.request,
      apiUrl: o.connection.apiUrl,
      measured: { rows: 0, ms: 0 },
      planned: false,
      chunks: [],
    });
    const client = createNortechClient({ ...o.client, ...o.connection, version: o.version });
    const steps = chunkSteps({
      client,
      request: o.request,
      dir,
      pool,
      readTask: (c) => ({
        op: 'ingest',
        disk: 'cache',
        specs: columnSpecs(o.request),
        rawColumns: rawColumns(o.request),
        slice: { start: c.start, end: c.end },
        values: o.request.values,
      }),
      outputsIntact: async () => true,
    });
    // Only until the data has been measured: chunks planned after that are the shards' to run.
    const measuring = (c: ChunkRecord) => !manifest.get().chunks.some((d) => d.state === 'done' && (d.rows ?? 0) > 0) || c.state === 'done';
    await runChunks({
      manifest,
      steps,
      concurrency: 1,
      plan: { ...DEFAULT_PLAN, ...o.plan },
      signal: o.signal ?? new AbortController().signal,
      owns: measuring,
    });
    return manifest.get().chunks.map((c) => ({ start: c.start, end: c.end }));
  } finally {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  }
}
