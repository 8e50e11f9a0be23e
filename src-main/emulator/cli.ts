/*
 * `npm run emulator -- --port 8787 --api-key demo`: the emulator as a standalone server.
 * Prints its base URL, stops on Ctrl+C / SIGTERM. See ./README.md for the flags.
 */
import { parseCliArgs, USAGE } from './cli-args';
import { startEmulator } from './index';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator({ productionThread: true, ...parsed.options });
  // The key is not printed: never log a secret, even a demo one.
  console.log(`Nortech API emulator listening on ${emulator.baseUrl}`);
  console.log(`  try: curl -H "Authorization: Bearer <api key>" ${emulator.baseUrl}/api/v1/workspaces`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`Emulator failed to start: ${(err as Error).message}`);
  process.exit(1);
});
