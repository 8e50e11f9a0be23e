import type { CallName, CallOutput, EventName, EventPayload, ParsedInput } from '../../src-preload/contract';

/** Who is calling; the transports fill it in after their own sender checks. */
export interface CallContext {
  transport: 'ipc' | 'http';
}

/** One function per call of the contract: the whole main process as the window sees it. */
export type Handlers = {
  [K in CallName]: (input: ParsedInput<K>, ctx: CallContext) => Promise<CallOutput<K>> | CallOutput<K>;
};

/** Where services send events; each transport fans them out to its windows. */
export type EmitEvent = <K extends EventName>(name: K, payload: EventPayload<K>) => void;
