import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AggregateFn, ApiKey, ApiUrl, Format, Interval, Layout } from '../../src-preload/contract';
import { isValidTimeZone, readTimeExpression, WeekStart } from '../../src-preload/contract/time-expressions';

/*
 * The command line's arguments, parsed strictly (an unknown flag is an error, not ignored) and
 * checked with zod. Pure: the environment's defaults are passed in.
 */

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `Workspace/Asset/Division/Unit/Signal`: exactly five names, none empty. */
export const SignalPathArg = z
  .string()
  .transform((text) => text.split('/'))
  .refine((parts) => parts.length === 5 && parts.every((p) => p.trim().length > 0), {
    message: "expected 'Workspace/Asset/Division/Unit/Signal' (five non-empty names)",
  })
  .transform(([workspace, asset, division, unit, signal]) => ({
    workspace: workspace!,
    asset: asset!,
    division: division!,
    unit: unit!,
    signal: signal!,
  }));

const Connection = { apiUrl: ApiUrl, apiKey: ApiKey.optional() };

/** `I/N`: run chunk I (0-based) of every N; `auto`: I and N from the batch scheduler's variables (shard-env.ts). */
const ShardArg = z.literal('auto').or(
  z
    .string()
    .regex(/^\d+\/\d+$/, 'expected I/N, e.g. 0/4 (shards are numbered from 0)')
    .transform((t) => {
      const [index, count] = t.split('/').map(Number) as [number, number];
      return { index, count };
    })
    .refine((s) => s.count >= 1 && s.index < s.count, 'the shard index must be below the shard count'),
);

/** `--now`: the instant `now` stands for, so that a run is reproducible; ISO 8601, without an offset read in --tz. */
const NowArg = z.string().superRefine((text, ctx) => {
  const r = readTimeExpression(text);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error.message });
  else if (r.expression.anchor.kind === 'now')
    ctx.addIssue({ code: 'custom', message: 'a fixed time such as 2024-03-31T06:00Z, not one relative to now' });
});
const TimeZoneArg = z.string().default('UTC').refine(isValidTimeZone, 'unknown time zone (use an IANA name like Europe/Lisbon, or UTC)');
const WeekStartArg = z
  .string()
  .default('monday')
  .transform((t) => t.toLowerCase())
  .pipe(z.enum(WeekStart.options, { error: 'a day of the week: monday (default), tuesday … sunday' }));

const SAVE_EXTENSIONS = ['.parquet', '.csv', '.json', '.xlsx'];

/** `NAME=TEXT`: the name is what comes before the first `=`. */
const NamedArg = z
  .string()
  .refine((t) => t.indexOf('=') > 0, 'NAME=EXPRESSION, e.g. --derive "hot=temp > 80"')
  .transform((t) => ({ name: t.slice(0, t.indexOf('=')).trim(), text: t.slice(t.indexOf('=') + 1).trim() }));

/** What to ask for: signals, window, format, values. Shared by `export` and `plan`. */
const Wanted = {
  signalIds: z.array(z.coerce.number().int().positive({ message: 'signal IDs are positive whole numbers' })),
  signalPaths: z.array(SignalPathArg),
  signalsFile: z.string().min(1).optional(),
  /** `--signals-json`: what a signals file holds, inline (Copy as command line writes renamed signals so). */
  signalsJson: z.string().min(1).optional(),
  start: z.string().optional(),
  end: z.string().min(1).default('now'),
  now: NowArg.optional(),
  weekStart: WeekStartArg,
  format: Format.default('parquet'),
  tz: TimeZoneArg,
  every: Interval.optional(),
  agg: z
    .string()
    .transform((t) => t.split(',').map((x) => x.trim()))
    .pipe(z.array(AggregateFn).min(1))
    .optional(),
  timeoutS: z.coerce.number().positive().default(900),
  targetRows: z.coerce.number().int().min(1000).optional(),
  /** `--derive NAME=EXPR` (derived signals, in order) and `--condition NAME=EXPR` (with `--condition-stats NAME=COLUMN`). */
  derive: z.array(NamedArg),
  condition: z.array(NamedArg),
  conditionStats: z.array(NamedArg),
};

const needsSignals = (a: { signalIds: unknown[]; signalPaths: unknown[]; signalsFile?: string; signalsJson?: string }) =>
  a.signalIds.length + a.signalPaths.length > 0 || !!a.signalsFile || !!a.signalsJson;

export const ExportArgs = z
  .object({
    command: z.literal('export'),
    ...Connection,
    ...Wanted,
    output: z.string().min(1, '--output is required'),
    overwrite: z.boolean(),
    /** A dataset beside another export's in the same folder (refused where their days overlap). */
    append: z.boolean(),
    localTime: z.boolean(),
    excel: z.string().min(2).optional(),
    layout: Layout.default('file'),
    /** The conditions' periods as one file (its extension the format). */
    conditionsOutput: z.string().min(1).optional(),
    concurrency: z.coerce.number().int().min(1).max(8).default(3),
    resume: z.boolean(),
    plan: z.string().min(1).optional(),
    shard: ShardArg.optional(),
    /** With `--shard auto`: the array's size, where the scheduler does not say it (a Kubernetes Indexed Job's completions). */
    shards: z.coerce.number().int().min(1).optional(),
    /** An S3-compatible store's endpoint (MinIO, Ceph, R2) for an `s3://` output. */
    s3Endpoint: z.url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. http://minio:9000' }).optional(),
    /** The whole download of each chunk's file, retries included (default 30 min). */
    downloadTimeoutS: z.coerce.number().positive('a positive number of seconds').default(1800),
    /** Write this export as a recipe file (its --output's name may then hold {start:yyyy-MM-dd}) instead of running it. */
    saveRecipe: z.string().min(1).optional(),
  })
  .superRefine((a, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (a.plan) {
      if (needsSignals(a) || a.start) issue('plan', 'takes the signals and the window from the plan: drop --signal*, --start and --end');
    } else {
      if (!needsSignals(a)) issue('signal', 'name at least one signal: --signal-id, --signal or --signals-file');
      if (!a.start) issue('start', '--start is required');
    }
    if (a.shard && (!a.plan || a.layout !== 'dataset'))
      issue('shard', 'needs --plan and --layout dataset (shards fill one dataset folder)');
    if (a.shards !== undefined && a.shard !== 'auto') issue('shards', 'only with --shard auto (--shard I/N says the count itself)');
    const s3 = a.output.startsWith('s3://');
    if (s3 && a.layout !== 'dataset') issue('output', 'an s3:// output is a dataset: add --layout dataset');
    if (a.s3Endpoint && !s3) issue('s3Endpoint', 'only with an s3://bucket/prefix/ output');
    if (a.layout === 'file' && !s3 && !SAVE_EXTENSIONS.includes(extname(a.output).toLowerCase())) {
      issue('output', 'the output file must end in .parquet, .csv, .json or .xlsx (or use --layout dataset for a folder)');
    }
    if (a.agg && !a.every) issue('agg', 'needs --every (the interval to aggregate over)');
    if (a.conditionsOutput && !SAVE_EXTENSIONS.includes(extname(a.conditionsOutput).toLowerCase()))
      issue('conditionsOutput', 'the periods file must end in .parquet, .csv, .json or .xlsx');
    if (a.conditionsOutput && !a.condition.length && !a.plan) issue('conditionsOutput', 'needs at least one --condition');
    if (a.conditionsOutput && a.shard) issue('conditionsOutput', 'joins every chunk: not with --shard');
  });
export type ExportArgs = z.infer<typeof ExportArgs>;

export const PlanArgs = z
  .object({ command: z.literal('plan'), ...Connection, ...Wanted, output: z.string().min(1, '--output is required') })
  .superRefine((a, ctx) => {
    if (!needsSignals(a))
      ctx.addIssue({ code: 'custom', path: ['signal'], message: 'name at least one signal: --signal-id, --signal or --signals-file' });
    if (!a.start) ctx.addIssue({ code: 'custom', path: ['start'], message: '--start is required' });
  });
export type PlanArgs = z.infer<typeof PlanArgs>;

export const ListArgs = z.object({ command: z.literal('list'), ...Connection, path: z.array(z.string().min(1)).max(4) });
export type ListArgs = z.infer<typeof ListArgs>;

/** `run RECIPE…`: recipes (or export records) run at --now, each output skipped when its record matches. */
export const RunArgs = z.object({
  command: z.literal('run'),
  ...Connection,
  recipes: z.array(z.string().min(1)).min(1, 'name at least one recipe file (or an .export.json record)'),
  now: NowArg.optional(),
  overwrite: z.boolean(),
  concurrency: z.coerce.number().int().min(1).max(8).default(3),
  timeoutS: z.coerce.number().positive().default(900),
  downloadTimeoutS: z.coerce.number().positive('a positive number of seconds').default(1800),
});
export type RunArgs = z.infer<typeof RunArgs>;

/** `time EXPR`: one expression resolved, as a window's start or (`--end`) as Grafana's end. */
export const TimeArgs = z.object({
  command: z.literal('time'),
  expression: z.string().min(1, 'give the expression to resolve, e.g. time now-1d/d'),
  now: NowArg.optional(),
  tz: TimeZoneArg,
  weekStart: WeekStartArg,
  end: z.boolean(),
});
export type TimeArgs = z.infer<typeof TimeArgs>;

export type CliArgs = ExportArgs | PlanArgs | ListArgs | TimeArgs | RunArgs | { command: 'help' };

/** The saved format: the output file's extension (a dataset folder holds parquet). */
export const outputFormat = (a: Pick<ExportArgs, 'output' | 'layout'>) =>
  a.layout === 'dataset' ? 'parquet' : (extname(a.output).slice(1).toLowerCase() as 'parquet' | 'csv' | 'json' | 'xlsx');

const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
const FLAGS: Record<string, string> = {
  apiUrl: '--api-url',
  apiKey: '--api-key',
  signalIds: '--signal-id',
  signalPaths: '--signal',
  signal: '--signal',
  signalsFile: '--signals-file',
  signalsJson: '--signals-json',
  timeoutS: '--timeout',
  localTime: '--local-time',
  targetRows: '--target-rows',
  downloadTimeoutS: '--download-timeout',
  s3Endpoint: '--s3-endpoint',
  weekStart: '--week-start',
  conditionStats: '--condition-stats',
  conditionsOutput: '--conditions-output',
  path: 'list',
  expression: 'time',
  saveRecipe: '--save-recipe',
  recipes: 'run',
};
const flagName = (path: PropertyKey[]) => FLAGS[String(path[0])] ?? `--${String(path[0] ?? '')}`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'api-url': { type: 'string' },
  'api-key': { type: 'string' },
  'signal-id': { type: 'string', multiple: true },
  signal: { type: 'string', multiple: true },
  'signals-file': { type: 'string' },
  'signals-json': { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  overwrite: { type: 'boolean' },
  append: { type: 'boolean' },
  tz: { type: 'string' },
  'local-time': { type: 'boolean' },
  excel: { type: 'string' },
  timeout: { type: 'string' },
  every: { type: 'string' },
  agg: { type: 'string' },
  layout: { type: 'string' },
  concurrency: { type: 'string' },
  resume: { type: 'boolean' },
  plan: { type: 'string' },
  shard: { type: 'string' },
  shards: { type: 'string' },
  's3-endpoint': { type: 'string' },
  'download-timeout': { type: 'string' },
  'target-rows': { type: 'string' },
  now: { type: 'string' },
  'week-start': { type: 'string' },
  'log-file': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  'save-recipe': { type: 'string' },
  derive: { type: 'string', multiple: true },
  condition: { type: 'string', multiple: true },
  'condition-stats': { type: 'string', multiple: true },
  'conditions-output': { type: 'string' },
} as const;

/** `time` has its own options: there `--end` is a switch (resolve as an end), not a time. */
const TIME_OPTIONS = {
  help: OPTIONS.help,
  now: OPTIONS.now,
  tz: OPTIONS.tz,
  'week-start': OPTIONS['week-start'],
  end: { type: 'boolean' },
  'log-file': OPTIONS['log-file'],
  verbose: OPTIONS.verbose,
} as const;

/** The command word: the first argument that is neither an option nor an option's value. */
function commandOf(argv: string[]): string | undefined {
  const takesValue = new Set(
    Object.entries(OPTIONS).flatMap(([name, o]) => (o.type === 'string' ? [`--${name}`, ...('short' in o ? [`-${o.short}`] : [])] : [])),
  );
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-')) return a;
    if (takesValue.has(a)) i++;
  }
  return undefined;
}

function parseTimeArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: TIME_OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { command: 'help' };
  const [, ...rest] = positionals;
  // An expression may hold spaces (now - 1d): the words after `time` are one expression.
  const result = TimeArgs.safeParse({
    command: 'time',
    expression: rest.join(' '),
    now: v.now,
    tz: v.tz,
    weekStart: v['week-start'],
    end: v.end ?? false,
  });
  if (!result.success) throw new UsageError(result.error.issues.map((i) => `${flagName(i.path)}: ${i.message}`).join('\n'));
  return result.data;
}

/** `--log-file FILE` and `--verbose`, for every command: read before the command's own arguments, so that their failure is logged. */
export interface LogArgs {
  logFile?: string;
  verbose: boolean;
}

export function parseLogArgs(argv: string[]): LogArgs {
  let values;
  try {
    const options = commandOf(argv) === 'time' ? TIME_OPTIONS : OPTIONS;
    ({ values } = parseArgs({ args: argv, allowPositionals: true, strict: true, options }));
  } catch {
    // parseCliArgs says what is wrong with the arguments: without a log of its own, if need be.
    return { verbose: argv.includes('--verbose') || argv.includes('-v') };
  }
  if (values['log-file'] !== undefined && values['log-file'].trim() === '') throw new UsageError('--log-file: name a file');
  return { logFile: values['log-file'], verbose: values.verbose ?? false };
}

export function parseCliArgs(argv: string[], env: { apiUrl: string; apiKey?: string }): CliArgs {
  if (commandOf(argv) === 'time') return parseTimeArgs(argv);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values: v, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (v.help || command === undefined || command === 'help') return { command: 'help' };
  const connection = { apiUrl: v['api-url'] ?? env.apiUrl, apiKey: v['api-key'] ?? env.apiKey };
  const wanted = {
    ...connection,
    signalIds: strings(v['signal-id']),
    signalPaths: strings(v.signal),
    signalsFile: v['signals-file'],
    signalsJson: v['signals-json'],
    start: v.start,
    end: v.end,
    now: v.now,
    weekStart: v['week-start'],
    format: v.format,
    tz: v.tz,
    every: v.every,
    agg: v.agg ?? (v.every ? 'mean' : undefined),
    timeoutS: v.timeout,
    targetRows: v['target-rows'],
    derive: strings(v.derive),
    condition: strings(v.condition),
    conditionStats: strings(v['condition-stats']),
  };
  if ((command === 'export' || command === 'plan') && rest.length)
    throw new UsageError(`${command} takes no bare arguments (got "${rest.join(' ')}")`);
  const result =
    command === 'export'
      ? ExportArgs.safeParse({
          command,
          ...wanted,
          output: v.output ?? '',
          overwrite: v.overwrite ?? false,
          append: v.append ?? false,
          localTime: v['local-time'] ?? false,
          excel: v.excel,
          layout: v.layout,
          concurrency: v.concurrency,
          resume: v.resume ?? false,
          plan: v.plan,
          shard: v.shard,
          shards: v.shards,
          s3Endpoint: v['s3-endpoint'],
          downloadTimeoutS: v['download-timeout'],
          saveRecipe: v['save-recipe'],
          conditionsOutput: v['conditions-output'],
        })
      : command === 'plan'
        ? PlanArgs.safeParse({ command, ...wanted, output: v.output ?? '' })
        : command === 'list'
          ? ListArgs.safeParse({ command, ...connection, path: rest })
          : command === 'run'
            ? RunArgs.safeParse({
                command,
                ...connection,
                recipes: rest,
                now: v.now,
                overwrite: v.overwrite ?? false,
                concurrency: v.concurrency,
                timeoutS: v.timeout,
                downloadTimeoutS: v['download-timeout'],
              })
            : null;
  if (!result) throw new UsageError(`unknown command "${command}": use export, plan, run, list or time`);
  if (!result.success) throw new UsageError(result.error.issues.map((i) => `${flagName(i.path)}: ${i.message}`).join('\n'));
  return result.data;
}
