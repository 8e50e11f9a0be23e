import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { ExportRequest, type SaveFormat, type Values } from '../../src-preload/contract';
import { resolveWindow } from '../../src-preload/contract/time-expressions';
import { clockOf, pointAt } from './time-command';
import { AppError } from '../errors/app-error';
import type { PlanOptions } from '../exports/plan/chunk-plan';
import { PlanFile, planSlices } from '../exports/plan/plan-file';
import { wholeBuckets } from '../exports/plan/whole-buckets';
import { checkOutputFolder } from '../exports/save/output-folder';
import { localDatasetStorage } from '../exports/session/dataset-storage';
import type { OutputSpecs } from '../exports/session/export-session';
import { checkExcelRows } from '../exports/session/outputs/excel-rows';
import { createExportSessions, type SessionDeps } from '../exports/session/start-session';
import { partsDir } from '../exports/session/work-folder';
import { countBuckets } from '../transform/bucket-grid';
import { sweepCliLeftovers } from '../housekeeping/leftovers';
import { createNortechClient } from '../nortech/client';
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
  /** Tests shorten the retry waits here. */
  tuning?: Pick<SessionDeps, 'download' | 'client'>;
  /** `--log-file`/`--verbose` (run-cli.ts); absent: nothing is logged. */
  log?: Logger;
}

/** The chunk size: `--target-rows` rows a chunk; by default about 20 M values (2 M rows of 10 signals). */
export const planOptions = (targetRows: number | undefined, signals: number): Partial<PlanOptions> =>
  targetRows === undefined ? {} : { targetCells: targetRows * signals };

/** The request the arguments describe: signals looked up, window resolved, values checked. */
export async function requestOf(args: ExportArgs | PlanArgs, io: CliIo): Promise<ExportRequest> {
  if (!args.apiKey) throw new UsageError('no API key: pass --api-key or set NORTECH_API_KEY');
  if (args.command === 'export' && args.plan) return (await readPlan(args.plan)).request;
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
  const stats = new Map(args.conditionStats.map((c) => [c.name, c.text]));
  const derivations = {
    derived: args.derive.map((d) => ({ name: d.name, expression: d.text })),
    conditions: args.condition.map((c) => ({
      name: c.name,
      expression: c.text,
      ...(stats.has(c.name) ? { statsOf: stats.get(c.name) } : {}),
    })),
  };
  const request = ExportRequest.safeParse({
    connectionId: 'cli',
    signals,
    timeWindow: { start: window.start, end: window.end },
    format: args.format,
    values,
    ...(args.derive.length || args.condition.length ? { derivations } : {}),
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
  return plan.data;
}

export async function runExport(args: ExportArgs, io: CliIo): Promise<number> {
  const output = resolve(args.output);
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
  const parts = partsDir(output, args.shard);
  if (args.resume) progress.note(`Going on from ${parts}.`);
  const text = { timeZone: args.tz, localTimeColumn: args.localTime, excelLocale: args.excel ?? null };
  const outputs: OutputSpecs =
    args.layout === 'dataset'
      ? { dataset: { storage: localDatasetStorage(output) } }
      : { file: { path: output, format, text, overwrite: args.overwrite || args.resume } };
  if (args.conditionsOutput) {
    const path = resolve(args.conditionsOutput);
    const periodsFormat = extname(path).slice(1).toLowerCase() as SaveFormat;
    outputs.conditions = { path, format: periodsFormat, text, overwrite: args.overwrite || args.resume };
  }
  const sessions = createExportSessions({
    version: io.version,
    client: { syncTimeoutMs: args.timeoutS * 1000, log: io.log, ...io.tuning?.client },
    download: { ...io.tuning?.download, deadlineMs: args.downloadTimeoutS * 1000 },
  });
  try {
    const result = await sessions
      .start({
        request,
        connection: { apiUrl: args.apiUrl, apiKey: args.apiKey! },
        // The chunks' downloads sit beside the output: a full disk there is the target's.
        work: { kind: 'beside-output', dir: parts },
        existing: args.resume ? 'resume' : 'refuse',
        chunks: presetPlan ? { kind: 'preset', slices: presetPlan, ...(args.shard ? { shard: args.shard } : {}) } : { kind: 'measured' },
        plan: planOptions(args.targetRows, request.signals.length),
        concurrency: args.concurrency,
        outputs,
        ...(io.signal ? { signal: io.signal } : {}),
        ...(io.log ? { log: io.log } : {}),
        onProgress: (p) => progress.update(p),
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
