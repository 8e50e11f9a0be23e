/*
 * The Nortech emulator in its own process, as a remote API would be: its production of files does
 * not run on the event loop of the process serving the window, and its memory is counted apart.
 * Tells the bench of every file it produced and how long that took (the floor's server time).
 */
import { startEmulator } from '../../src-main/emulator';
import { BACKGROUND_NICE, lowerThisThread } from '../../src-main/workers/thread-priority';
import { serveParent } from '../lib/proc';

// Below the host's main thread (a remote API takes none of this machine's cores, and here it
// shares two with the host it is measured against), above the host's export workers: a remote
// server's production does not slow down while the client reads what it sent.
lowerThisThread(BACKGROUND_NICE - 5);

/** argv[2]: JSON of extra emulator options (e.g. {"maxRowsPerRequest": 2000000}). */
const extra = JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof startEmulator>[0];
const emulator = await startEmulator({
  // As the app's Demo data produces: downloads served while the next file is produced.
  productionThread: true,
  ...extra,
  apiKey: 'bench-key',
  // Files are swept between case groups: XL text files are ~1 GB each.
  fileTtlMs: 300_000,
  onProduced: (info) => process.send!({ type: 'produced', ...info }),
});
serveParent({ sweep: () => emulator.sweepFiles() });
process.on('SIGTERM', () => void emulator.close().finally(() => process.exit(0)));
process.send!({ type: 'ready', baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, filesDir: emulator.filesDir });
