import { mkdir } from 'node:fs/promises';
import type { Handlers } from '../bridge/handlers';
import { createEventHub, type EventHub } from '../bridge/event-hub';
import { createHandlers } from './create-handlers';
import type { MainPorts } from './ports';

export interface Services {
  handlers: Handlers;
  events: EventHub;
  close(): Promise<void>;
}

/** What both hosts (Electron, browser mode) start: the demo API, then every service behind the contract. */
export async function startServices(host: Omit<MainPorts, 'emit' | 'demo'>): Promise<Services> {
  await mkdir(host.cacheDir, { recursive: true });
  const events = createEventHub();
  const handlers = createHandlers({ ...host, emit: events.emit });
  return { handlers, events, close: async () => {} };
}
