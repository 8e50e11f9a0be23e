import { z } from 'zod';
import { calls, isCallName, type Envelope } from '../../src-preload/contract';
import { toErrorData } from '../errors/app-error';
import type { CallContext, Handlers } from './handlers';

/** zod's issues as the contract's field list: `signals.2.rename: At most 127 characters`. */
export function fieldIssues(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * The one door into the main process, shared by IPC and the browser host: it refuses unknown calls,
 * parses the input with the contract's schema before any handler runs, and wraps the answer (or
 * the error, kind and details kept) in an envelope.
 */
export async function dispatch(handlers: Handlers, name: string, rawInput: unknown, ctx: CallContext): Promise<Envelope<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { kind: 'validation', message: `There is no call named "${name}".` } };
  }
  const parsed = calls[name].input.safeParse(rawInput);
  if (!parsed.success) {
    const fields = fieldIssues(parsed.error);
    const summary = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
    return { ok: false, error: { kind: 'validation', message: `Invalid input for ${name}: ${summary}`, details: { fields } } };
  }
  try {
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value: value === undefined ? null : value };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}
