import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ExportRequest } from '../../src-preload/contract';
import { resolveWindow } from '../../src-preload/contract/time-expressions';
import { AppError } from '../errors/app-error';
import { createExportService, type ExportServiceOptions } from '../exports/jobs/export-service';
import { checkOutputFolder } from '../exports/save/output-folder';
import { saveJobTo } from '../exports/save/save-job';
import { sweepCliLeftovers } from '../housekeeping/leftovers';
import { createNortechClient } from '../nortech/client';
import { outputFormat, UsageError, type ExportArgs } from './args';
import { EXIT, exitCodeFor } from './exit-codes';
import { progressPrinter } from './progress';
import { readSignalsFile, resolveSignals } from './resolve-signals';

/*
 * `export`: the same pipeline as the window (request, download, verify by decoding, save
 * atomically with its export record), headless. Everything is checked before Nortech is asked:
 * the output file, the window, the signals. The download lives in a temporary folder that is
 * removed at the end, whatever happens.
 */

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  version: string;
  now: number;
  signal?: AbortSignal;
  /** Tests shorten the retry waits here. */
  tuning?: Pick<ExportServiceOptions, 'download'>;
}

export async function runExport(args: ExportArgs, io: CliIo): Promise<number> {
  const output = resolve(args.output);
  // What a killed run left (a save's temp file beside the output, the old CLI's temp folders).
  await sweepCliLeftovers({ output });
  if (
    !args.overwrite &&
    (await stat(output).then(
      () => true,
      () => false,
    ))
  ) {
    throw new UsageError(`${output} exists already and was left untouched; add --overwrite to replace it`);
  }
  await checkOutputFolder(output);
  if (!args.apiKey) throw new UsageError('no API key: pass --api-key or set NORTECH_API_KEY');
  const window = resolveWindow({ start: args.start, end: args.end, timeZone: args.tz }, io.now);
  if (!window.ok) throw new UsageError(window.issues.map((i) => `--${i.path}: ${i.message}`).join('\n'));

  const target = { apiUrl: args.apiUrl, apiKey: args.apiKey };
  const client = createNortechClient({ ...target, version: io.version });
  const fromFile = args.signalsFile ? await readSignalsFile(args.signalsFile) : null;
  const signals = await resolveSignals(client, { ids: args.signalIds, paths: args.signalPaths, fromFile }, io.signal);
  const request = ExportRequest.safeParse({
    connectionId: 'cli',
    signals,
    timeWindow: { start: window.start, end: window.end },
    format: args.format,
  });
  if (!request.success) throw new UsageError(request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));

  const progress = progressPrinter(io.stderr);
  const cacheDir = await mkdtemp(join(tmpdir(), 'signal-explorer-cli-'));
  const service = createExportService({
    cacheDir,
    version: io.version,
    resolveTarget: async () => target,
    emit: (s) => progress.update(s),
    client: { syncTimeoutMs: args.timeoutS * 1000 },
    ...io.tuning,
    download: { ...io.tuning?.download, deadlineMs: args.downloadTimeoutS * 1000 },
  });
  const jobId = service.start(request.data);
  const onAbort = () => service.cancel(jobId);
  io.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const job = await service.wait(jobId);
    const status = job.status;
    if (status.stage !== 'ready') {
      progress.done();
      const error = status.error ?? { kind: 'cancelled' as const, message: 'Cancelled.' };
      throw Object.assign(new AppError(error.kind, error.message, error.details), { stage: job.activeStage });
    }
    const saved = await saveJobTo(
      service,
      jobId,
      output,
      { format: outputFormat(output), timeZone: args.tz, localTimeColumn: args.localTime, excelLocale: args.excel ?? null },
      { overwrite: args.overwrite, signal: io.signal },
    );
    progress.note(
      `Saved ${status.result!.rowCount} rows of ${signals.length} signal(s), ${saved.bytes} bytes (sha256 ${saved.sha256.slice(0, 12)}…).`,
    );
    io.stdout.write(`${saved.path}\n`);
    return EXIT.saved;
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
    await service.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

/** The exit code and the lines for stderr for anything `runExport` threw. */
export function describeFailure(error: unknown): { code: number; lines: string[] } {
  if (error instanceof UsageError) return { code: EXIT.usage, lines: [error.message, 'Run with --help for usage.'] };
  if (error instanceof AppError) {
    const stage = (error as AppError & { stage?: Parameters<typeof exitCodeFor>[1] }).stage;
    const lines = [error.message];
    for (const f of error.details?.fields ?? []) lines.push(`  ${f.path}: ${f.message}`);
    if (error.details?.hint) lines.push(error.details.hint);
    return { code: exitCodeFor(error.kind, stage, error.details), lines };
  }
  return { code: EXIT.other, lines: [`Something went wrong: ${error instanceof Error ? error.message : String(error)}`] };
}
