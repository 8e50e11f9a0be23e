import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseDuration } from './duration';
import type { EmulatorOptions } from './index';
import { PARQUET_STYLE_NAMES, PARQUET_STYLES, type ParquetStyle } from './output/parquet-styles';

/** Flags of `npm run emulator -- ...`, their defaults and meanings (printed by --help). */
export const USAGE = `Usage: npm run emulator -- [options]

  --host <addr>                    listen address (default 127.0.0.1)
  --port <n>                       port, 0 = any free port (default 8787)
  --api-key <key>                  accepted bearer token (default demo)
  --catalog <path>                 demo catalog (default resources/demo/catalog.json)
  --files-dir <dir>                where output files go (default a temp folder, removed on exit)
  --sync-time-limit-ms <n>         sync requests taking longer answer 500 "Request timed out" (default 120000)
  --async-time-limit-ms <n>        the same for async requests (default 1800000)
  --file-ttl-ms <n>                signed URL lifetime and file expiry (default 3600000)
  --max-rows-per-request <n>       a request whose file would exceed n rows answers "Request timed out" at once
  --production-slots <n>           files produced at once; later requests wait their turn (default 1)
  --cold-storage-lag <duration>    data newer than now minus this (1d, 6h, 90m) is not in historical storage yet
  --parquet-style <name>           how parquet files are written (default: default, as the API writes them):
${PARQUET_STYLE_NAMES.map((n) => `                                     ${n.padEnd(17)} ${PARQUET_STYLES[n]}`).join('\n')}
  --log                            log each request (method and path; data requests with their window)

Fault knobs (off by default):
  --latency-ms <n>                 delay before every API answer
  --fail-503-next <n>              the next n API calls answer 503
  --retry-after <s>                Retry-After sent with those 503s (default 1)
  --fail-writes-next <n>           the next n data requests fail ("Data request failed")
  --async-hold-ms <n>              async requests stay Running at least this long
  --cut-download-after-bytes <n>   file downloads break after n bytes
  --cut-downloads-next <n>         the next n file downloads break half way
  --expire-urls-next <n>           the next n outputFile URLs are handed out already expired
  --slow-body-bytes-per-sec <n>    file downloads at about n bytes/s
`;

const count = z.coerce.number().int().min(0);
const flagsSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65_535).default(8787),
  'api-key': z.string().min(1).default('demo'),
  catalog: z.string().optional(),
  'files-dir': z.string().optional(),
  'sync-time-limit-ms': count.optional(),
  'async-time-limit-ms': count.optional(),
  'file-ttl-ms': count.min(1).optional(),
  'max-rows-per-request': count.optional(),
  'production-slots': count.min(1).max(64).optional(),
  'cold-storage-lag': z
    .string()
    .transform((text, c) => {
      try {
        return parseDuration(text);
      } catch (err) {
        c.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  'parquet-style': z.enum(PARQUET_STYLE_NAMES as [ParquetStyle, ...ParquetStyle[]]).optional(),
  log: z.boolean().default(false),
  help: z.boolean().default(false),
  'latency-ms': count.default(0),
  'fail-503-next': count.default(0),
  'retry-after': count.default(1),
  'fail-writes-next': count.default(0),
  'async-hold-ms': count.default(0),
  'cut-download-after-bytes': count.optional(),
  'cut-downloads-next': count.default(0),
  'expire-urls-next': count.default(0),
  'slow-body-bytes-per-sec': count.min(1).optional(),
});

const stringFlags = Object.keys(flagsSchema.shape).filter((k) => k !== 'log' && k !== 'help');

export type CliParse = { help: true } | { help: false; options: EmulatorOptions };

/** Parses argv (without node and script); throws an Error with a readable message. */
export function parseCliArgs(argv: string[]): CliParse {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...Object.fromEntries(stringFlags.map((k) => [k, { type: 'string' as const }])),
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const f = parsed.data;
  if (f.help) return { help: true };
  const options: EmulatorOptions = {
    host: f.host,
    port: f.port,
    apiKey: f['api-key'],
    logRequests: f.log,
    faults: {
      latencyMs: f['latency-ms'],
      fail503Next: f['fail-503-next'],
      retryAfterSeconds: f['retry-after'],
      failWritesNext: f['fail-writes-next'],
      asyncHoldMs: f['async-hold-ms'],
      cutDownloadAfterBytes: f['cut-download-after-bytes'] ?? null,
      cutDownloadsNext: f['cut-downloads-next'],
      expireUrlsNext: f['expire-urls-next'],
      slowBodyBytesPerSec: f['slow-body-bytes-per-sec'] ?? null,
    },
  };
  if (f.catalog) options.catalogPath = f.catalog;
  if (f['files-dir']) options.filesDir = f['files-dir'];
  if (f['sync-time-limit-ms'] !== undefined) options.syncTimeLimitMs = f['sync-time-limit-ms'];
  if (f['async-time-limit-ms'] !== undefined) options.asyncTimeLimitMs = f['async-time-limit-ms'];
  if (f['file-ttl-ms'] !== undefined) options.fileTtlMs = f['file-ttl-ms'];
  if (f['max-rows-per-request'] !== undefined) options.maxRowsPerRequest = f['max-rows-per-request'];
  if (f['production-slots'] !== undefined) options.productionSlots = f['production-slots'];
  if (f['cold-storage-lag'] !== undefined) options.coldStorageLag = f['cold-storage-lag'];
  if (f['parquet-style'] && f['parquet-style'] !== 'default') options.parquetStyle = f['parquet-style'];
  return { help: false, options };
}
