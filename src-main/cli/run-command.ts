import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { readRecipe, RECIPE_KIND, RECIPE_VERSION, type RecipeSignal } from '../../src-preload/contract/recipes';
import { AppError } from '../errors/app-error';
import { checkOutputFolder } from '../exports/save/output-folder';
import type { ExportSessions } from '../exports/session/export-session';
import { createExportSessions } from '../exports/session/start-session';
import { partsDir } from '../exports/session/work-folder';
import { sweepCliLeftovers } from '../housekeeping/leftovers';
import { createNortechClient } from '../nortech/client';
import { conditionsFileMissing, outputMismatch } from '../recipes/matching-record';
import { loadRecipeFile } from '../recipes/recipe-file';
import { resolveRecipeRun } from '../recipes/recipe-request';
import { UsageError, type ExportArgs, type RunArgs } from './args';
import { derivationsOfArgs, describeFailure, type CliIo } from './export-command';
import { EXIT } from './exit-codes';
import { progressPrinter } from './progress';
import { clockOf } from './time-command';
import { readSignalsFile } from './resolve-signals';
import { writeJsonFile } from '../storage/json-file';

/*
 * `run RECIPE…`: each recipe (or export record) run through the one export session for its window
 * at --now, one after the other, into the file its template names. An output whose export record
 * matches the run (same request, the file whole) is skipped and said so; --overwrite makes it
 * again. A run that fails does not stop the next; the exit code is the first failure's.
 */

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

async function runOne(path: string, args: RunArgs, io: CliIo, sessions: ExportSessions, now: number): Promise<void> {
  const progress = progressPrinter(io.stderr, io.log);
  const { recipe, baseDir } = await loadRecipeFile(path);
  const client = createNortechClient({ apiUrl: args.apiUrl, apiKey: args.apiKey!, version: io.version, log: io.log });
  const run = await resolveRecipeRun(recipe, { client, now, connectionId: 'cli', baseDir, overwrite: true, signal: io.signal });
  const output = run.file.path;
  const window = `${run.request.timeWindow.start} to ${run.request.timeWindow.end}`;
  if (await exists(output)) {
    const mismatch = await outputMismatch(run);
    if (mismatch === null && !args.overwrite && (await conditionsFileMissing(run)))
      progress.note(`${output} holds ${window} already, but its conditions file is missing: running "${recipe.name}" again.`);
    else if (mismatch === null && !args.overwrite) {
      progress.note(`Skipped "${recipe.name}": ${output} holds ${window} already (its export record matches; --overwrite makes it again).`);
      io.stdout.write(`${output}\n`);
      if (run.conditions) io.stdout.write(`${run.conditions.path}\n`);
      return;
    }
    if (mismatch !== null && !args.overwrite)
      throw new UsageError(`${output} exists already and ${mismatch}: it was left untouched; add --overwrite to replace it`);
  }
  await mkdir(dirname(output), { recursive: true });
  await sweepCliLeftovers({ output, log: io.log });
  await checkOutputFolder(output);
  progress.note(`Running "${recipe.name}" for ${window} into ${output}.`);
  const result = await sessions.start({
    request: run.request,
    connection: { apiUrl: args.apiUrl, apiKey: args.apiKey! },
    work: { kind: 'beside-output', dir: partsDir(output) },
    // A run stopped earlier (Ctrl-C, a crash) goes on from its chunks: the next run is the same run.
    existing: 'resume',
    chunks: { kind: 'measured' },
    concurrency: args.concurrency,
    outputs: { file: run.file, ...(run.conditions ? { conditions: run.conditions } : {}) },
    ...(io.signal ? { signal: io.signal } : {}),
    ...(io.log ? { log: io.log } : {}),
    onProgress: (p) => progress.update(p),
  }).done;
  progress.note(`Saved ${result.rows} rows of ${run.request.signals.length} signal(s): ${result.file!.bytes} bytes.`);
  io.stdout.write(`${result.file!.path}\n`);
  if (result.conditions) io.stdout.write(`${result.conditions.path}\n`);
}

export async function runRecipes(args: RunArgs, io: CliIo): Promise<number> {
  if (!args.apiKey) throw new UsageError('no API key: pass --api-key or set NORTECH_API_KEY');
  const now = clockOf({ now: args.now, tz: 'UTC', weekStart: 'monday' }, io.now);
  const sessions = createExportSessions({
    version: io.version,
    client: { syncTimeoutMs: args.timeoutS * 1000, log: io.log, ...io.tuning?.client },
    download: { ...io.tuning?.download, deadlineMs: args.downloadTimeoutS * 1000 },
    ...(io.tuning?.pool ? { pool: io.tuning.pool } : {}),
  });
  let code: number = EXIT.saved;
  try {
    for (const path of args.recipes) {
      try {
        await runOne(path, args, io, sessions, now);
      } catch (error) {
        const failure = describeFailure(error);
        if (code === EXIT.saved) code = failure.code;
        io.log?.error('Recipe failed', { recipe: path, exitCode: failure.code, err: error });
        io.stderr.write(`${path}: ${failure.lines.join('\n')}\n`);
        if (error instanceof AppError && error.kind === 'cancelled') break;
      }
    }
  } finally {
    await sessions.close();
  }
  return code;
}

/** `export … --save-recipe FILE`: the export written as a recipe (nothing is asked of Nortech); its --output's name is the template. */
export async function saveRecipe(args: ExportArgs, io: CliIo): Promise<number> {
  if (args.plan || args.layout !== 'file') throw new UsageError('--save-recipe: a recipe saves one file; drop --plan and --layout');
  const fromFile = args.signalsFile ? await readSignalsFile(args.signalsFile) : [];
  const signals: RecipeSignal[] = [
    ...args.signalIds.map((id) => ({ id })),
    ...args.signalPaths.map((p) => ({ path: [p.workspace, p.asset, p.division, p.unit, p.signal].join('/') })),
    ...fromFile.map((s) =>
      typeof s === 'number'
        ? { id: s }
        : { path: [s.workspace, s.asset, s.division, s.unit, s.signal].join('/'), ...(s.rename ? { column: s.rename } : {}) },
    ),
  ];
  const output = resolve(args.output);
  const derivations = derivationsOfArgs(args);
  // The recipe's conditions file goes beside its data file: its name is the template.
  const periods = args.conditionsOutput ? resolve(args.conditionsOutput) : null;
  if (periods && dirname(periods) !== dirname(output))
    throw new UsageError('--save-recipe: a recipe writes its --conditions-output beside its --output; put both in one folder');
  const read = readRecipe({
    kind: RECIPE_KIND,
    version: RECIPE_VERSION,
    name: basename(args.saveRecipe!).replace(/\.(recipe\.)?json$/i, ''),
    signals,
    window: { start: args.start, end: args.end, timeZone: args.tz, weekStart: args.weekStart },
    format: args.format,
    values: args.every ? { kind: 'every', interval: args.every, fns: args.agg ?? ['mean'], timeZone: args.tz } : { kind: 'raw' },
    output: {
      folder: dirname(output),
      fileName: basename(output),
      localTimeColumn: args.localTime,
      ...(periods ? { conditionsFileName: basename(periods) } : {}),
    },
    ...(derivations ? { derivations } : {}),
  });
  if (!read.ok) throw new UsageError(`--save-recipe: ${read.issues.join('; ')}`);
  const path = resolve(args.saveRecipe!);
  if (!args.overwrite && (await exists(path))) throw new UsageError(`${path} exists already; add --overwrite to replace it`);
  await writeJsonFile(path, read.recipe);
  io.stderr.write(`Saved the recipe "${read.recipe.name}"; run it with: npm run -s cli -- run ${path}\n`);
  io.stdout.write(`${path}\n`);
  return EXIT.saved;
}
