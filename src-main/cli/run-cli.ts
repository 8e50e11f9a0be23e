import { parseCliArgs } from './args';
import { describeFailure, runExport, type CliIo } from './export-command';
import { runList } from './list-command';
import { runPlan } from './plan-command';
import { runTime } from './time-command';
import { USAGE } from './usage';

/**
 * The command line given its streams and Nortech's address: parses the arguments, runs the command,
 * and turns any failure into its message on stderr and its exit code (exit-codes.ts).
 */
export async function runCli(argv: string[], io: CliIo, target: { apiUrl: string; apiKey?: string | undefined }): Promise<number> {
  try {
    const args = parseCliArgs(argv, target);
    if (args.command === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (args.command === 'export') return await runExport(args, io);
    if (args.command === 'time') return runTime(args, io);
    return args.command === 'plan' ? await runPlan(args, io) : await runList(args, io);
  } catch (error) {
    const { code, lines } = describeFailure(error);
    io.stderr.write(`${lines.join('\n')}\n`);
    return code;
  }
}
