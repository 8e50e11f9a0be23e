import type { Handlers } from '../bridge/handlers';
import { AppError } from '../errors/app-error';
import type { ExportDeps } from '../exports/export-stack';

export function historyHandlers(deps: ExportDeps): Pick<Handlers, 'history.list' | 'history.open' | 'history.remove'> {
  const { service, history } = deps.stack;
  return {
    'history.list': () => history.list(),

    'history.open': async ({ id }) => {
      // Still in memory from this session: nothing to read again.
      const live = service.peek(id);
      if (live?.status.stage === 'ready') return live.status;
      const entry = await history.get(id);
      if (!entry) throw new AppError('not-found', 'This export is no longer in the history.');
      if (!entry.cacheFile) {
        throw new AppError('not-found', "This export's file is no longer cached.", { hint: 'Run it again: its request is kept.' });
      }
      try {
        return await service.adopt({ id: entry.id, request: entry.request, requestId: entry.requestId, cacheFile: entry.cacheFile });
      } catch (error) {
        if (error instanceof AppError && error.kind === 'file') {
          throw new AppError('not-found', "This export's cached file is gone or damaged.", { hint: 'Run it again: its request is kept.' });
        }
        throw error;
      }
    },

    'history.remove': async ({ id }) => {
      service.forget(id);
      if (!(await history.remove(id))) throw new AppError('not-found', 'This export is no longer in the history.');
      return null;
    },
  };
}
