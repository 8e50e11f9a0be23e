import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ApiKey, ApiUrl, Format } from '../../src-preload/contract';
import { isValidTimeZone } from '../../src-preload/contract/time-expressions';

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

export const ExportArgs = z
  .object({
    command: z.literal('export'),
    ...Connection,
    signalIds: z.array(z.coerce.number().int().positive({ message: 'signal IDs are positive whole numbers' })),
    signalPaths: z.array(SignalPathArg),
    signalsFile: z.string().min(1).optional(),
    start: z.string().min(1, '--start is required'),
    end: z.string().min(1).default('now'),
    format: Format.default('parquet'),
    output: z.string().min(1, '--output is required'),
    overwrite: z.boolean(),
    tz: z.string().default('UTC').refine(isValidTimeZone, 'unknown time zone (use an IANA name like Europe/Lisbon, or UTC)'),
    localTime: z.boolean(),
    excel: z.string().min(2).optional(),
    timeoutS: z.coerce.number().positive().default(900),
    /** The whole download of the data file, retries included (default 30 min). */
    downloadTimeoutS: z.coerce.number().positive('a positive number of seconds').default(1800),
  })
  .refine((a) => a.signalIds.length + a.signalPaths.length > 0 || a.signalsFile, {
    message: 'name at least one signal: --signal-id, --signal or --signals-file',
    path: ['signal'],
  })
  .refine((a) => ['.parquet', '.csv', '.json'].includes(extname(a.output).toLowerCase()), {
    message: 'the output file must end in .parquet, .csv or .json',
    path: ['output'],
  });
export type ExportArgs = z.infer<typeof ExportArgs>;

export const ListArgs = z.object({ command: z.literal('list'), ...Connection, path: z.array(z.string().min(1)).max(4) });
export type ListArgs = z.infer<typeof ListArgs>;

export type CliArgs = ExportArgs | ListArgs | { command: 'help' };

/** The saved format: the output file's extension. */
export const outputFormat = (output: string) => extname(output).slice(1).toLowerCase() as Format;

const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
const FLAGS: Record<string, string> = {
  apiUrl: '--api-url',
  apiKey: '--api-key',
  signalIds: '--signal-id',
  signalPaths: '--signal',
  signal: '--signal',
  signalsFile: '--signals-file',
  timeoutS: '--timeout',
  downloadTimeoutS: '--download-timeout',
  localTime: '--local-time',
  path: 'list',
};
const flagName = (path: PropertyKey[]) => FLAGS[String(path[0])] ?? `--${String(path[0] ?? '')}`;

export function parseCliArgs(argv: string[], env: { apiUrl: string; apiKey?: string }): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        'api-url': { type: 'string' },
        'api-key': { type: 'string' },
        'signal-id': { type: 'string', multiple: true },
        signal: { type: 'string', multiple: true },
        'signals-file': { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        overwrite: { type: 'boolean' },
        tz: { type: 'string' },
        'local-time': { type: 'boolean' },
        excel: { type: 'string' },
        timeout: { type: 'string' },
        'download-timeout': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values: v, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (v.help || command === undefined || command === 'help') return { command: 'help' };
  const connection = { apiUrl: v['api-url'] ?? env.apiUrl, apiKey: v['api-key'] ?? env.apiKey };
  const result =
    command === 'export'
      ? (() => {
          if (rest.length) throw new UsageError(`export takes no bare arguments (got "${rest.join(' ')}")`);
          return ExportArgs.safeParse({
            command,
            ...connection,
            signalIds: strings(v['signal-id']),
            signalPaths: strings(v.signal),
            signalsFile: v['signals-file'],
            start: v.start ?? '',
            end: v.end,
            format: v.format,
            output: v.output ?? '',
            overwrite: v.overwrite ?? false,
            tz: v.tz,
            localTime: v['local-time'] ?? false,
            excel: v.excel,
            timeoutS: v.timeout,
            downloadTimeoutS: v['download-timeout'],
          });
        })()
      : command === 'list'
        ? ListArgs.safeParse({ command, ...connection, path: rest })
        : null;
  if (!result) throw new UsageError(`unknown command "${command}": use export or list`);
  if (!result.success) {
    throw new UsageError(result.error.issues.map((i) => `${flagName(i.path)}: ${i.message}`).join('\n'));
  }
  return result.data;
}
