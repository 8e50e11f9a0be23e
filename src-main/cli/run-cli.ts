import { parseCliArgs, parseLogArgs, UsageError } from './args';
import { describeFailure, runExport, type CliIo } from './export-command';
import { runList } from './list-command';
import { runPlan } from './plan-command';
import { runTime } from './time-command';
import { runRecipes, saveRecipe } from './run-command';
import { USAGE } from './usage';
import { openCliLog } from '../log/cli-log';
import { runtimeFacts } from '../log/runtime-facts';
import type { ClosableLogger } from '../log/pino-logger';
import { EXIT } from './exit-codes';

/** The value of `--api-key KEY` or `--api-key=KEY` as typed, to hide it from the log before the command line is written there. */
function typedKey(argv: string[]): string | undefined {
  const at = argv.indexOf('--api-key');
  if (at >= 0) return argv[at + 1];
  return argv.find((a) => a.startsWith('--api-key='))?.slice('--api-key='.length);
}

/**
 * The command line given its streams and Nortech's address: parses the arguments, runs the command,
 * and turns any failure into its message on stderr and its exit code (exit-codes.ts). With
 * `--log-file`/`--verbose` its start, API calls, retries and end are logged.
 */
export async function runCli(argv: string[], io: CliIo, target: { apiUrl: string; apiKey?: string | undefined }): Promise<number> {
  let log: ClosableLogger;
  try {
    log = openCliLog({ ...parseLogArgs(argv), stderr: io.stderr });
  } catch (error) {
    const usage = error instanceof UsageError ? error : new UsageError(`--log-file: cannot write there (${(error as Error).message})`);
    io.stderr.write(`${describeFailure(usage).lines.join('\n')}\n`);
    return EXIT.usage;
  }
  for (const key of [target.apiKey, typedKey(argv)]) if (key) log.hide(key);
  // An s3:// output's credentials, as the AWS SDK's chain reads them from the environment.
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
    const value = (io.env ?? process.env)[name];
    if (value) log.hide(value);
  }
  const started = Date.now();
  log.info('Command started', { version: io.version, ...runtimeFacts(), argv, apiUrl: target.apiUrl });
  const logged: CliIo = { ...io, log };
  let code: number;
  try {
    const args = parseCliArgs(argv, target);
    if (args.command === 'help') {
      io.stdout.write(USAGE);
      code = 0;
    } else if (args.command === 'export') code = args.saveRecipe ? await saveRecipe(args, logged) : await runExport(args, logged);
    else if (args.command === 'run') code = await runRecipes(args, logged);
    else if (args.command === 'time') code = runTime(args, logged);
    else code = args.command === 'plan' ? await runPlan(args, logged) : await runList(args, logged);
  } catch (error) {
    const failure = describeFailure(error);
    code = failure.code;
    log.error('Command failed', { exitCode: code, err: error });
    io.stderr.write(`${failure.lines.join('\n')}\n`);
  }
  log.info('Command ended', { exitCode: code, durationMs: Date.now() - started });
  log.close();
  return code;
}
