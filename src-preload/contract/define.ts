import { z } from 'zod';

/** A request the renderer makes of the main process: answered once, validated on both sides. */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly doc: string;
  readonly input: I;
  readonly output: O;
}

/** A message the main process pushes to the renderer, e.g. a job's progress. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly doc: string;
  readonly payload: P;
}

export function call<I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O): CallDef<I, O> {
  return { doc, input, output };
}

export function event<P extends z.ZodType>(doc: string, payload: P): EventDef<P> {
  return { doc, payload };
}

/** Calls with no input take `undefined`; over HTTP that is a missing `input` field. */
export const NoInput = z.void();
/** Calls with nothing to answer answer `null` (JSON has no `undefined`). */
export const Done = z.null();
