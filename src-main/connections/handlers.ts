import type { Handlers } from '../bridge/handlers';
import type { ConnectionsService } from './service';

export function connectionHandlers(
  connections: ConnectionsService,
): Pick<Handlers, 'connections.list' | 'connections.save' | 'connections.remove'> {
  return {
    'connections.list': () => connections.list(),
    'connections.save': (draft) => connections.save(draft),
    'connections.remove': async ({ id }) => {
      await connections.remove(id);
      return null;
    },
  };
}
