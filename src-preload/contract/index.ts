/**
 * The contract of everything that crosses between the window (renderer) and the main process.
 * Each call is declared once here with its input and output schemas; the preload, the main
 * process's handlers, the browser host and the renderer's bridge are all derived from it.
 */
import type { z } from 'zod';
import { appCalls, appEvents } from './app';
import { connectionCalls } from './connections';
import { catalogCalls } from './catalog';
import { exportCalls, exportEvents } from './exports';
import { previewCalls } from './preview';
import { historyCalls } from './history';
import { selectionCalls } from './selections';
import { settingsCalls } from './settings';
import { liveCalls, liveEvents } from './live';
import { recipeCalls } from './recipe-calls';
import { s3SaveCalls } from './s3-save';
import { conditionsSaveCalls } from './conditions-save';
import type { CallDef, EventDef } from './define';
import type { Envelope } from './errors';

export const calls = {
  ...appCalls,
  ...connectionCalls,
  ...catalogCalls,
  ...exportCalls,
  ...previewCalls,
  ...historyCalls,
  ...selectionCalls,
  ...settingsCalls,
  ...liveCalls,
  ...recipeCalls,
  ...s3SaveCalls,
  ...conditionsSaveCalls,
} satisfies Record<string, CallDef>;

export const events = { ...appEvents, ...exportEvents, ...liveEvents } satisfies Record<string, EventDef>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type EventName = keyof typeof events;
/** What a caller passes (defaults not yet applied). */
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
/** What a handler receives: the input after parsing. */
export type ParsedInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]['payload']>;

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/** IPC channel names: one per call and per event, namespaced so nothing else collides. */
export const callChannel = (name: CallName) => `se:call:${name}`;
export const eventChannel = (name: EventName) => `se:event:${name}`;

type Domain<K extends string> = K extends `${infer D}.${string}` ? D : never;
type VerbOf<K extends string, D extends string> = K extends `${D}.${infer V}` ? V : never;
type OnName<V extends string> = `on${Capitalize<V>}`;

/**
 * `window.api`: one method per call, grouped by domain (`api.exports.start(req)`), and one
 * `onX(cb)` per event that returns its unsubscribe (`api.exports.onProgress(cb)`).
 */
export type Api = {
  [D in Domain<CallName>]: {
    [K in CallName as K extends `${D}.${string}` ? VerbOf<K, D> : never]: (input: CallInput<K>) => Promise<Envelope<CallOutput<K>>>;
  } & {
    [K in EventName as K extends `${D}.${string}` ? OnName<VerbOf<K, D>> : never]: (
      listener: (payload: EventPayload<K>) => void,
    ) => () => void;
  };
};

/** Splits `exports.progress` into its place on `window.api`: `['exports', 'onProgress']`. */
export function apiPath(name: string, isEvent: boolean): [string, string] {
  const dot = name.indexOf('.');
  const domain = name.slice(0, dot);
  const verb = name.slice(dot + 1);
  return [domain, isEvent ? `on${verb[0]!.toUpperCase()}${verb.slice(1)}` : verb];
}

export * from './errors';
export * from './app';
export * from './connections';
export * from './catalog';
export * from './exports';
export * from './preview';
export * from './history';
export * from './selections';
export * from './settings';
export * from './aggregation';
export * from './live';
export * from './copy-as-code';
export * from './recipe-calls';
export * from './s3-save';
export * from './conditions-save';
