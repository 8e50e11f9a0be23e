/**
 * The only module that touches `window.api` (desktop) or its HTTP twin (browser mode). It checks
 * every answer against the contract and turns error envelopes into `BridgeError`s.
 */
import {
  calls,
  events,
  type AppErrorData,
  type Api,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type EventPayload,
  apiPath,
} from '../../../src-preload/contract';
import { createHttpApi, readPageToken } from './http-api';

export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  readonly kind: AppErrorData['kind'];
  readonly details: AppErrorData['details'];
  constructor(data: AppErrorData) {
    super(data.message);
    this.kind = data.kind;
    this.details = data.details;
  }
}

function pickApi(): { api: Api; mode: 'electron' | 'browser' } {
  if (window.api) return { api: window.api, mode: 'electron' };
  const token = readPageToken();
  if (!token) throw new Error('Signal Explorer must be opened from the address it printed at start (it carries a token).');
  return { api: createHttpApi(token), mode: 'browser' };
}

let chosen: ReturnType<typeof pickApi> | null = null;
const current = () => (chosen ??= pickApi());

type Method = (input: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; error: AppErrorData }>;

/** Calls the main process; resolves with the checked answer or rejects with a `BridgeError`. */
export async function invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const [domain, method] = apiPath(name, false);
  const fn = (current().api as unknown as Record<string, Record<string, Method>>)[domain]?.[method];
  if (!fn) throw new BridgeError({ kind: 'internal', message: `The bridge has no ${name}.` });
  const answer = await fn(input);
  if (!answer.ok) throw new BridgeError(answer.error);
  const checked = calls[name].output.safeParse(answer.value);
  if (!checked.success) {
    throw new BridgeError({ kind: 'internal', message: `The answer to ${name} did not match the contract: ${checked.error.message}` });
  }
  return checked.data as CallOutput<K>;
}

/** Subscribes to an event of the main process; returns the unsubscribe. Malformed payloads are dropped. */
export function subscribe<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
  const [domain, method] = apiPath(name, true);
  const on = (current().api as unknown as Record<string, Record<string, (cb: (p: unknown) => void) => () => void>>)[domain]?.[method];
  if (!on) throw new Error(`The bridge has no ${name} event.`);
  return on((payload) => {
    const checked = events[name].payload.safeParse(payload);
    if (checked.success) listener(checked.data as EventPayload<K>);
    else console.error(`Dropped a malformed ${name} event`, checked.error);
  });
}
