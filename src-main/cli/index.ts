import { appVersion } from '../app/version';
import { targetFromEnv } from '../nortech/env';
import { parseCliArgs } from './args';
import { describeFailure, runExport } from './export-command';
import { runList } from './list-command';
import { runPlan } from './plan-command';
import { USAGE } from './usage';

/** `npm run cli -- export|list ...`: see ./usage.ts. */
async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  // Ctrl-C cancels the export (its chunks stay for --resume; temporary files go); a second one ends at once.
  process.once('SIGINT', () => {
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  const io = { stdout: process.stdout, stderr: process.stderr, version: appVersion(), now: Date.now(), signal: controller.signal };
  try {
    const args = parseCliArgs(argv, targetFromEnv());
    if (args.command === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (args.command === 'export') return await runExport(args, io);
    return args.command === 'plan' ? await runPlan(args, io) : await runList(args, io);
  } catch (error) {
    const { code, lines } = describeFailure(error);
    process.stderr.write(`${lines.join('\n')}\n`);
    return code;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
