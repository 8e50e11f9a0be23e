import type { Handlers } from '../bridge/handlers';
import { isAppError } from '../errors/app-error';
import type { Logger } from './logger';

/**
 * Every call of the contract, with each failure logged: which call, and the error as the window
 * got it (an AppError's kind and details; an unexpected error's stack). The input is not logged:
 * it may hold a key (`connections.save`) and the call's name says what was being done. Cancels
 * are the user's choice, and a refused input is the user's to fix: those are debug lines.
 */
export function loggedHandlers(handlers: Handlers, log: Logger): Handlers {
  const wrapped: Record<string, (input: unknown, ctx: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown, ctx: unknown) => unknown][]) {
    wrapped[name] = async (input, ctx) => {
      try {
        return await handler(input, ctx);
      } catch (error) {
        if (!isAppError(error)) log.error(`Call ${name} failed unexpectedly`, { call: name, err: error });
        else if (error.kind === 'cancelled' || error.kind === 'validation') log.debug(`Call ${name} refused`, { call: name, err: error });
        else log.warn(`Call ${name} failed`, { call: name, err: error });
        throw error;
      }
    };
  }
  return wrapped as unknown as Handlers;
}
