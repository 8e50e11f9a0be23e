import type { CallName } from '../../src-preload/contract';
import type { Handlers } from '../bridge/handlers';
import { AppError } from '../errors/app-error';
import { appHandlers } from './app-info';
import { createConnectionsService } from '../connections/service';
import { connectionHandlers } from '../connections/handlers';
import { selectionHandlers } from '../selections/service';
import type { MainPorts } from './ports';

/** Placeholder for calls whose service has not landed yet: a clear error, never a fake answer. */
function notBuilt<K extends CallName>(names: K[]): Pick<Handlers, K> {
  const out = {} as Record<K, () => never>;
  for (const name of names) {
    out[name] = () => {
      throw new AppError('unavailable', `${name} is not available in this build yet.`);
    };
  }
  return out as unknown as Pick<Handlers, K>;
}

/** The main process as the window sees it: every call of the contract, wired to its service. */
export function createHandlers(ports: MainPorts): Handlers {
  const connections = createConnectionsService(ports);
  return {
    ...appHandlers(ports),
    ...connectionHandlers(connections),
    ...selectionHandlers(ports.dataDir),
    ...notBuilt([
      'connections.test',
      'catalog.children',
      'catalog.search',
      'catalog.signal',
      'exports.start',
      'exports.status',
      'exports.cancel',
      'exports.save',
      'exports.showInFolder',
      'preview.series',
      'preview.stats',
      'preview.rows',
      'history.list',
      'history.open',
      'history.remove',
    ]),
  };
}
