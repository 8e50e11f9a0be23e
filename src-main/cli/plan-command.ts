import { resolve } from 'node:path';
import type { Slice } from '../../src-preload/contract';
import { AppError } from '../errors/app-error';
import { DEFAULT_PLAN } from '../exports/plan/chunk-plan';
import { planByProbes, type SliceMeasure } from '../exports/plan/probe-plan';
import { MAX_CHUNKS, type PlanFile } from '../exports/plan/plan-file';
import { chunkAlign } from '../exports/plan/whole-buckets';
import { atomicWrite } from '../exports/save/atomic-save';
import { createExportSessions } from '../exports/session/start-session';
import { UsageError, type PlanArgs } from './args';
import { EXIT } from './exit-codes';
import { planOptions, requestOf, type CliIo } from './export-command';

/** Probes asked at once, and regions probed (a 50-year window: regions of about 19 months). */
const PROBE_CONCURRENCY = 4;
const PROBE_REGIONS = 32;

/**
 * `plan`: measures the data with small probes across the window (`planByProbes`, asked concurrently) and
 * writes the request with every chunk's slice, for `export --plan FILE --shard I/N` on as many
 * machines as there are shards.
 */
export async function runPlan(args: PlanArgs, io: CliIo): Promise<number> {
  const request = await requestOf(args, io);
  io.stderr.write('Measuring the data (small probes across the window)…\n');
  // Borders on whole milliseconds: the plan's file, and each probe's request, hold them as ISO times.
  const grid = chunkAlign(request.values);
  const options = { ...DEFAULT_PLAN, align: (t: number) => grid(Math.floor(t)), ...planOptions(args.targetRows, request.signals.length) };
  const sessions = createExportSessions({
    version: io.version,
    workers: 2,
    client: { syncTimeoutMs: args.timeoutS * 1000, log: io.log, ...io.tuning?.client },
    ...(io.tuning?.pool ? { pool: io.tuning.pool } : {}),
  });
  // One slice measured: a session of that one chunk, nothing kept (a slice without rows is `no-data`).
  const measure = async (slice: Slice): Promise<SliceMeasure> => {
    const timeWindow = { ...request.timeWindow, start: new Date(slice.start).toISOString(), end: new Date(slice.end).toISOString() };
    try {
      const { chunks } = await sessions.start({
        request: { ...request, timeWindow },
        connection: { apiUrl: args.apiUrl, apiKey: args.apiKey! },
        work: { kind: 'scratch' },
        existing: 'refuse',
        chunks: { kind: 'preset', slices: [slice] },
        concurrency: 1,
        outputs: {},
        ...(io.signal ? { signal: io.signal } : {}),
      }).done;
      const rows = chunks.reduce((n, c) => n + (c.sourceRows ?? c.rows ?? 0), 0);
      return { rows, first: chunks[0]?.first ?? null, last: chunks.at(-1)?.last ?? null };
    } catch (error) {
      if (error instanceof AppError && error.kind === 'no-data') return { rows: 0, first: null, last: null };
      throw error;
    }
  };
  const window = { start: Date.parse(request.timeWindow.start), end: Date.parse(request.timeWindow.end) };
  const slices = await planByProbes({
    window,
    signals: request.signals.length,
    regions: PROBE_REGIONS,
    concurrency: PROBE_CONCURRENCY,
    opts: options,
    measure,
  }).finally(() => sessions.close());
  if (slices.length > MAX_CHUNKS)
    throw new UsageError(
      `the plan would need ${slices.length} chunks, more than a plan holds (${MAX_CHUNKS}): raise --target-rows or plan a shorter window`,
    );
  const plan: PlanFile = {
    kind: 'signal-explorer-plan',
    version: 1,
    createdAt: new Date(io.now).toISOString(),
    request,
    chunks: slices.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
  };
  const path = resolve(args.output);
  await atomicWrite(path, [Buffer.from(`${JSON.stringify(plan, null, 2)}\n`)], { overwrite: true });
  io.stderr.write(`${slices.length} chunks planned.\n`);
  io.stdout.write(`${path}\n`);
  return EXIT.saved;
}
