import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../bridge/handlers';
import { createEventHub, type EventHub } from '../bridge/event-hub';
import { startEmulatorInWorker } from '../emulator/start-in-worker';
import { sweepAppLeftovers } from '../housekeeping/leftovers';
import { createHandlers, type MainHandlers } from './create-handlers';
import type { MainPorts } from '../ports/main-ports';

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
  await mkdir(host.cacheDir, { recursive: true });
  // In the background: a folder we once saved to may be a slow or absent network share.
  void sweepAppLeftovers({ dataDir: host.dataDir, cacheDir: host.cacheDir });
  // A fresh key per run: the embedded demo API answers only this process. It runs on its own thread
  // so that producing a large file never stalls the loop that answers the window.
  const embedded = host.demo
    ? null
    : await startEmulatorInWorker({ apiKey: randomBytes(16).toString('hex'), filesDir: join(host.cacheDir, 'demo-files') });
  const demo = host.demo ?? { baseUrl: embedded!.baseUrl, apiKey: embedded!.apiKey };
  const events = createEventHub();
  const main = createHandlers({ ...host, demo, emit: events.emit });
  return {
    handlers: main.handlers,
    events,
    demo,
    live: main.live,
    close: async () => {
      await main.close();
      await embedded?.close();
    },
  };
}
