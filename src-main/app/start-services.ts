import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../bridge/handlers';
import { createEventHub, type EventHub } from '../bridge/event-hub';
import { startEmulatorInWorker } from '../emulator/start-in-worker';
import { sweepAppLeftovers } from '../housekeeping/leftovers';
import { createHandlers, type MainHandlers } from './create-handlers';
import type { MainPorts } from '../ports/main-ports';
import { silentLogger } from '../log/logger';
import { hidingSecrets } from '../log/hiding-secrets';
import { loggedHandlers } from '../log/logged-handlers';
import { exportTrail } from '../log/export-trail';
import { runtimeFacts } from '../log/runtime-facts';

export interface Services {
  handlers: Handlers;
  events: EventHub;
  demo: { baseUrl: string; apiKey: string };
  /** For the desktop host: Live pauses while the window is minimised. */
  live: MainHandlers['live'];
  close(): Promise<void>;
}

export type ServicesHost = Omit<MainPorts, 'emit'>;

/**
 * What both hosts (Electron, browser mode) start: the demo API behind "Demo data" (embedded, unless
 * the host names one already running), then every service behind the contract.
 */
export async function startServices(host: ServicesHost): Promise<Services> {
  const log = host.log ?? silentLogger;
  log.info('Signal Explorer started', { version: host.version, mode: host.mode, ...runtimeFacts(), dataDir: host.dataDir });
  await mkdir(host.cacheDir, { recursive: true });
  // In the background: a folder we once saved to may be a slow or absent network share.
  void sweepAppLeftovers({ dataDir: host.dataDir, cacheDir: host.cacheDir, log });
  // A fresh key per run: the embedded demo API answers only this process. It runs on its own thread
  // so that producing a large file never stalls the loop that answers the window.
  const embedded = host.demo
    ? null
    : await startEmulatorInWorker({ apiKey: randomBytes(16).toString('hex'), filesDir: join(host.cacheDir, 'demo-files') }, log);
  const demo = host.demo ?? { baseUrl: embedded!.baseUrl, apiKey: embedded!.apiKey };
  log.hide(demo.apiKey);
  log.info(embedded ? 'Demo data API started in the app' : 'Demo data API given by the host', { baseUrl: demo.baseUrl });
  const events = createEventHub();
  events.subscribe(exportTrail(log));
  const main = createHandlers({ ...host, secrets: hidingSecrets(host.secrets, log), log, demo, emit: events.emit });
  return {
    handlers: loggedHandlers(main.handlers, log),
    events,
    demo,
    live: main.live,
    close: async () => {
      log.info('Signal Explorer stopping');
      await main.close();
      await embedded?.close();
    },
  };
}
