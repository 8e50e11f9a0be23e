import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { ExportRequest, type SaveFormat, type SelectedSignal, type Values } from '../../src-preload/contract';
import { isRelativeTime, resolveWindow } from '../../src-preload/contract/time-expressions';
import type { WrittenWindow } from '../../src-preload/contract/recipes';
import { clockOf, pointAt } from './time-command';
import { AppError } from '../errors/app-error';
import type { PlanOptions } from '../exports/plan/chunk-plan';
import { PlanFile, planProblem, planSlices } from '../exports/plan/plan-file';
import { wholeBuckets } from '../exports/plan/whole-buckets';
import { checkOutputFolder } from '../exports/save/output-folder';
import { localDatasetStorage } from '../exports/session/dataset-storage';
import { datasetRecordName } from '../exports/session/outputs/dataset-output';
import { finishedShard } from '../object-storage/finished-shard';
import { s3DatasetStorage } from '../object-storage/s3-dataset-storage';
import { isS3Url, S3Url, type S3Location } from '../object-storage/s3-location';
import { shardFromEnv } from './shard-env';
import type { OutputSpecs } from '../exports/session/export-session';
import { checkExcelRows } from '../exports/session/outputs/excel-rows';
import { createExportSessions, type SessionDeps } from '../exports/session/start-session';
import { partsDir } from '../exports/session/work-folder';
import { countBuckets } from '../transform/bucket-grid';
import { sweepCliLeftovers } from '../housekeeping/leftovers';
import { createNortechClient, type NortechClient } from '../nortech/client';
import { outputFormat, UsageError, type ExportArgs, type PlanArgs } from './args';
import { EXIT, exitCodeFor } from './exit-codes';
import { progressPrinter } from './progress';
import { parseSignals, readSignalsFile, resolveSignals } from './resolve-signals';
import type { Logger } from '../log/logger';

/*
 * `export`: the same export session as the window (a plan of chunks, each requested, downloaded,
 * checked by decoding and written in time order into the output, atomically, with its export
 * record), headless. Everything that can be checked is checked before Nortech is asked: the output
 * and its folder, the window, the signals. The chunks live in a folder beside the output until it
 * is complete, so `--resume` goes on after anything (Ctrl-C, a crash, kill -9, a lost network).
 */

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  version: string;
  now: number;
  signal?: AbortSignal;
  /**
   * Tests shorten the retry waits here, and share one pool of export workers among the command
   * lines a test file runs in its process (each run starting its own two: ~1.5 s of CPU a run).
   */
  tuning?: Pick<SessionDeps, 'download' | 'client' | 'pool'>;
  /** Where `--shard auto` reads the scheduler's variables (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** `--log-file`/`--verbose` (run-cli.ts); absent: nothing is logged. */
  log?: Logger;
}

/** The chunk size: `--target-rows` rows a chunk; by default about 20 M values (2 M rows of 10 signals). */
export const planOptions = (targetRows: number | undefined, signals: number): Partial<PlanOptions> =>
  targetRows === undefined ? {} : { targetCells: targetRows * signals };

/** The request the arguments describe: signals looked up, window resolved, values checked. */

/** `--derive`, `--condition` and `--condition-stats` as the request's (and a recipe's) derivations; none given: undefined. */
export function derivationsOfArgs(args: Pick<ExportArgs, 'derive' | 'condition' | 'conditionStats'>) {
  if (!args.derive.length && !args.condition.length) return undefined;
  const stats = new Map(args.conditionStats.map((c) => [c.name, c.text]));
  return {
    derived: args.derive.map((d) => ({ name: d.name, expression: d.text })),
    conditions: args.condition.map((c) => ({
      name: c.name,
      expression: c.text,
      ...(stats.has(c.name) ? { statsOf: stats.get(c.name) } : {}),
    })),
  };
}

export async function requestOf(args: ExportArgs | PlanArgs, io: CliIo): Promise<ExportRequest> {
  if (!args.apiKey) throw new UsageError('no API key: pass --api-key or set NORTECH_API_KEY');
  if (args.command === 'export' && args.plan) {
    const plan = await readPlan(args.plan);
    await checkPlanSignals(createNortechClient({ apiUrl: args.apiUrl, apiKey: args.apiKey, version: io.version, log: io.log }), plan, io);
    return plan.request;
  }
  // The window in --tz with --week-start, at --now when given (a rounded --end reaches the end of its unit).
  const window = resolveWindow(
    { start: args.start ?? '', end: args.end, timeZone: args.tz, weekStart: args.weekStart },
    clockOf(args, io.now),
  );
  if (!window.ok) {
    const text = (path: 'start' | 'end') => (path === 'start' ? (args.start ?? '') : args.end);
    throw new UsageError(window.issues.map((i) => `--${i.path}: ${pointAt(text(i.path), i.message, i.position)}`).join('\n'));
  }
  const client = createNortechClient({ apiUrl: args.apiUrl, apiKey: args.apiKey, version: io.version, log: io.log });
  const fromFile = args.signalsFile ? await readSignalsFile(args.signalsFile) : args.signalsJson ? parseSignals(args.signalsJson) : null;
  const signals = await resolveSignals(client, { ids: args.signalIds, paths: args.signalPaths, fromFile }, io.signal);
  const values: Values = args.every
    ? { kind: 'every', interval: args.every, fns: args.agg ?? ['mean'], timeZone: args.tz }
    : { kind: 'raw' };
  const derivations = derivationsOfArgs(args);
  const request = ExportRequest.safeParse({
    connectionId: 'cli',
    signals,
    timeWindow: { start: window.start, end: window.end },
    format: args.format,
    values,
    ...(derivations ? { derivations } : {}),
  });
  if (!request.success) throw new UsageError(request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  return wholeBuckets(request.data);
}

async function readPlan(path: string): Promise<PlanFile> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--plan: cannot read ${path} as JSON (${(error as Error).message})`);
  }
  const plan = PlanFile.safeParse(data);
  if (!plan.success) throw new UsageError(`--plan: ${path} is not a plan written by \`plan\` (${plan.error.issues[0]?.message})`);
  const problem = planProblem(plan.data);
  if (problem) throw new UsageError(`--plan: ${path} cannot be run: ${problem}. Make it again with \`plan\`.`);
  return plan.data;
}

const pathOf = (s: Pick<SelectedSignal, 'workspace' | 'asset' | 'division' | 'unit' | 'name'>) =>
  [s.workspace.name, s.asset.name, s.division.name, s.unit.name, s.name].join(' / ');

/**
 * A plan asks Nortech for its signals by ID, so the ID wins over the path written beside it; a plan
 * whose path is another signal's (edited by hand, or made on another platform) would export data
 * under a name that is not its own, so it is refused, naming both.
 */
async function checkPlanSignals(client: NortechClient, plan: PlanFile, io: CliIo): Promise<void> {
  const found = await resolveSignals(client, { ids: plan.request.signals.map((s) => s.id), paths: [], fromFile: null }, io.signal);
  const wrong = plan.request.signals.flatMap((s, i) => (pathOf(s) === pathOf(found[i]!) ? [] : [{ s, real: found[i]! }]));
  if (!wrong.length) return;
  throw new UsageError(
    [
      `--plan: the plan names ${wrong.length === 1 ? 'a signal' : `${wrong.length} signals`} by an ID that is another signal's in Nortech (the ID is what is asked for, so it would win):`,
      ...wrong
        .slice(0, 10)
        .map(({ s, real }) => `  signal ${s.id} (column "${s.rename}"): the plan says ${pathOf(s)}, Nortech says ${pathOf(real)}`),
      'Make the plan again with `plan`, or correct the IDs in it.',
    ].join('\n'),
  );
}

/** Where an s3:// export keeps its work folder: in the working directory, named after the bucket and prefix. */
const localNameOf = (s3: S3Location) => resolve(`s3-${s3.bucket}-${s3.prefix.replace(/[^A-Za-z0-9._-]+/g, '-')}`.replace(/-+$/, ''));

/** A window that moves with the clock, as written, for the record: `run FILE.export.json` runs it again for its relative window. */
function writtenWindow(args: ExportArgs): { written?: WrittenWindow } {
  const relative = [args.start ?? '', args.end].some(isRelativeTime);
  if (!relative || args.plan || args.tz === 'local') return {};
  return { written: { window: { start: args.start!, end: args.end, timeZone: args.tz, weekStart: args.weekStart } } };
}

export async function runExport(args: ExportArgs, io: CliIo): Promise<number> {
  // The scheduler's shard first: a task that cannot say which it is asks Nortech nothing.
  const auto = args.shard === 'auto' ? shardFromEnv(io.env ?? process.env, args.shards) : null;
  const shard = auto ? { index: auto.index, count: auto.count } : args.shard === 'auto' ? undefined : args.shard;
  let s3: S3Location | null = null;
  if (isS3Url(args.output)) {
    const parsed = S3Url.safeParse(args.output);
    if (!parsed.success) throw new UsageError(`--output: ${parsed.error.issues[0]?.message}`);
    s3 = parsed.data;
  }
  const output = s3 ? localNameOf(s3) : resolve(args.output);
  const format = outputFormat(args);
  // What a killed run left (a save's temp file beside the output, the old CLI's temp folders);
  // never an export's `.NAME.parts` folder, which --resume needs.
  await sweepCliLeftovers({ output, log: io.log });
  if (
    args.layout === 'file' &&
    !args.overwrite &&
    !args.resume &&
    // Unreadable counts as absent here: the save's own write then says what is wrong.
    (await stat(output).then(
      () => true,
      () => false,
    ))
  ) {
    throw new UsageError(`${output} exists already and was left untouched; add --overwrite to replace it`);
  }
  if (
    args.layout === 'dataset' &&
    (await stat(output).then(
      (s) => !s.isDirectory(),
      () => false,
    ))
  ) {
    throw new UsageError(`${output} is a file: a dataset is a folder`);
  }
  if (args.append && (args.overwrite || args.layout !== 'dataset'))
    throw new UsageError('--append is for --layout dataset, without --overwrite');
  await checkOutputFolder(output);
  const request = await requestOf(args, io);
  if (format === 'xlsx' && request.values.kind === 'every') {
    // An aggregation's rows are known before anything is asked: refused at once when too many.
    const { interval, timeZone } = request.values;
    checkExcelRows(
      request,
      countBuckets({ start: Date.parse(request.timeWindow.start), end: Date.parse(request.timeWindow.end) }, interval, timeZone),
    );
  }
  const presetPlan = args.plan ? planSlices(await readPlan(args.plan)) : undefined;

  const progress = progressPrinter(io.stderr, io.log);
  const parts = partsDir(output, shard);
  if (auto) progress.note(`Shard ${auto.index} of ${auto.count} (${auto.from}).`);
  // A scheduler's retry of a task runs the same command: it goes on from what an earlier attempt left.
  const resume = args.resume || !!auto;
  if (args.resume) progress.note(`Going on from ${parts}.`);
  const text = { timeZone: args.tz, localTimeColumn: args.localTime, excelLocale: args.excel ?? null };
  const storage = s3
    ? s3DatasetStorage({ location: s3, ...(args.s3Endpoint ? { endpoint: args.s3Endpoint } : {}), ...(io.log ? { log: io.log } : {}) })
    : localDatasetStorage(output);
  const outputs: OutputSpecs =
    args.layout === 'dataset'
      ? { dataset: { storage, existing: args.overwrite ? 'overwrite' : args.append ? 'append' : 'refuse' } }
      : { file: { path: output, format, text, overwrite: args.overwrite || args.resume, ...writtenWindow(args) } };
  if (args.conditionsOutput) {
    const path = resolve(args.conditionsOutput);
    const periodsFormat = extname(path).slice(1).toLowerCase() as SaveFormat;
    outputs.conditions = { path, format: periodsFormat, text, overwrite: args.overwrite || args.resume };
  }
  if (s3) {
    await storage.prepare();
    const done = await finishedShard(storage, datasetRecordName(shard), request);
    if (done) {
      progress.note(
        `Already saved: ${storage.location}${datasetRecordName(shard)} lists ${done.parts?.length ?? 0} parquet files, all in place.`,
      );
      io.stdout.write(`${storage.location}\n`);
      return EXIT.saved;
    }
  }
  const sessions = createExportSessions({
    version: io.version,
    client: { syncTimeoutMs: args.timeoutS * 1000, log: io.log, ...io.tuning?.client },
    download: { ...io.tuning?.download, deadlineMs: args.downloadTimeoutS * 1000 },
    ...(io.tuning?.pool ? { pool: io.tuning.pool } : {}),
  });
  try {
    const result = await sessions
      .start({
        request,
        connection: { apiUrl: args.apiUrl, apiKey: args.apiKey! },
        // The chunks' downloads sit beside the output: a full disk there is the target's.
        work: { kind: 'beside-output', dir: parts },
        existing: resume ? 'resume' : 'refuse',
        chunks: presetPlan ? { kind: 'preset', slices: presetPlan, ...(shard ? { shard } : {}) } : { kind: 'measured' },
        plan: planOptions(args.targetRows, request.signals.length),
        concurrency: args.concurrency,
        outputs,
        ...(io.signal ? { signal: io.signal } : {}),
        ...(io.log ? { log: io.log } : {}),
        onProgress: (p) => progress.update(p),
        onNote: (note) => progress.note(note),
      })
      .done.finally(() => sessions.close());
    const saved = (result.file ?? result.dataset)!;
    const requests = result.chunks.reduce((n, c) => n + c.requestIds.length, 0);
    const what = result.dataset ? `${result.dataset.parts} parquet files` : `${saved.bytes} bytes (sha256 ${saved.sha256.slice(0, 12)}…)`;
    progress.note(
      `Saved ${result.rows} rows of ${request.signals.length} signal(s) in ${result.chunks.length} chunk(s), ${requests} request(s): ${what}.`,
    );
    io.stdout.write(`${saved.path}\n`);
    return EXIT.saved;
  } catch (error) {
    progress.done();
    if (error instanceof AppError && error.kind !== 'validation') {
      // No parts folder to be read: nothing to resume from, so no --resume hint.
      const resumable = await stat(parts).then(
        () => true,
        () => false,
      );
      if (resumable)
        throw new AppError(error.kind, error.message, {
          ...error.details,
          hint: `${error.details?.hint ?? ''} Run the same command with --resume to go on from where it stopped.`.trim(),
        });
    }
    throw error;
  }
}

/** The exit code and the lines for stderr for anything `runExport` threw. */
export function describeFailure(error: unknown): { code: number; lines: string[] } {
  if (error instanceof UsageError) return { code: EXIT.usage, lines: [error.message, 'Run with --help for usage.'] };
  if (error instanceof AppError) {
    const lines = [error.message];
    for (const f of error.details?.fields ?? []) lines.push(`  ${f.path}: ${f.message}`);
    if (error.details?.hint) lines.push(error.details.hint);
    return { code: exitCodeFor(error.kind, error.details), lines };
  }
  return { code: EXIT.other, lines: [`Something went wrong: ${error instanceof Error ? error.message : String(error)}`] };
}
