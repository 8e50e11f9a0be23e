import { resolve } from 'node:path';
import { DEFAULT_PLAN, recutMeasured } from '../exports/plan/chunk-plan';
import { MAX_CHUNKS, type PlanFile } from '../exports/plan/plan-file';
import { chunkAlign } from '../exports/plan/whole-buckets';
import { atomicWrite } from '../exports/save/atomic-save';
import { createExportSessions } from '../exports/session/start-session';
import { UsageError, type PlanArgs } from './args';
import { EXIT } from './exit-codes';
import { planOptions, requestOf, type CliIo } from './export-command';

/**
 * `plan`: measures the data as `export` would (its first chunks: a session that only measures) and
 * writes the request with every chunk's slice, for `export --plan FILE --shard I/N` on as many
 * machines as there are shards.
 */
export async function runPlan(args: PlanArgs, io: CliIo): Promise<number> {
  const request = await requestOf(args, io);
  io.stderr.write('Measuring the data (the first small chunk)…\n');
  const options = planOptions(args.targetRows, request.signals.length);
  const sessions = createExportSessions({
    version: io.version,
    workers: 1,
    client: { syncTimeoutMs: args.timeoutS * 1000, log: io.log, ...io.tuning?.client },
  });
  const measured = await sessions
    .start({
      request,
      connection: { apiUrl: args.apiUrl, apiKey: args.apiKey! },
      work: { kind: 'scratch' },
      existing: 'refuse',
      chunks: { kind: 'measure' },
      plan: options,
      concurrency: 1,
      outputs: {},
      ...(io.signal ? { signal: io.signal } : {}),
    })
    .done.finally(() => sessions.close());
  // Chunks grown over a stretch without data that reached the data are cut again around it, to the target.
  const targetRows = (options.targetCells ?? DEFAULT_PLAN.targetCells) / request.signals.length;
  const slices = recutMeasured(measured.manifest.chunks, targetRows, chunkAlign(request.values));
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
