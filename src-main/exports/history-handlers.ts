import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../bridge/handlers';
import { AppError } from '../errors/app-error';
import type { ExportDeps } from './export-stack';

export function historyHandlers(deps: ExportDeps): Pick<Handlers, 'history.list' | 'history.open' | 'history.remove'> {
  const { service, history, convertedDir } = deps.stack;
  return {
    'history.list': () => history.list(),
    'history.open': async ({ id }) => {
      const live = service.peek(id);
      if (live) return live.status();
      const entry = await history.get(id);
      if (!entry) throw new AppError('not-found', 'This export is no longer in the history.');
      if (!entry.dir)
        throw new AppError('not-found', "This export's data is no longer cached.", { hint: 'Run it again: its request is kept.' });
      return service.open({ id: entry.id, dir: entry.dir, startedAt: entry.startedAt, outcome: entry.outcome });
    },
    'history.remove': async ({ id }) => {
      await service.forget(id);
      if (!(await history.remove(id))) throw new AppError('not-found', 'This export is no longer in the history.');
      // Its files offered as browser downloads go with it.
      const offered = await readdir(convertedDir).catch(() => [] as string[]);
      await Promise.all(offered.filter((f) => f.startsWith(`${id}-`)).map((f) => rm(join(convertedDir, f), { force: true })));
      return null;
    },
  };
}
