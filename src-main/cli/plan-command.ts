import { resolve } from 'node:path';
import { atomicWrite } from '../exports/save/atomic-save';
import { planExport } from '../exports/to-file/plan-export';
import type { PlanFile } from '../exports/to-file/plan-file';
import type { PlanArgs } from './args';
import { EXIT } from './exit-codes';
import { planOptions, requestOf, type CliIo } from './export-command';

/**
 * `plan`: measures the data as `export` would (its first chunks) and writes the request with
 * every chunk's slice, for `export --plan FILE --shard I/N` on as many machines as there are shards.
 */
export async function runPlan(args: PlanArgs, io: CliIo): Promise<number> {
  const request = await requestOf(args, io);
  io.stderr.write('Measuring the data (the first small chunk)…\n');
  const slices = await planExport({
    request,
    connection: { apiUrl: args.apiUrl, apiKey: args.apiKey! },
    version: io.version,
    plan: planOptions(args.targetRows, request.signals.length),
    client: { syncTimeoutMs: args.timeoutS * 1000, log: io.log, ...io.tuning?.client },
    signal: io.signal,
  });
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
