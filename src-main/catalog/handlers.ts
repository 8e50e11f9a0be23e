import type { MainPorts } from '../ports/main-ports';
import type { Handlers } from '../bridge/handlers';
import type { ConnectionsService } from '../connections/service';
import { createCatalogService } from './catalog-service';

type CatalogCalls = 'catalog.children' | 'catalog.search' | 'catalog.signal' | 'connections.test';

export function catalogHandlers(deps: { ports: MainPorts; connections: ConnectionsService }): Pick<Handlers, CatalogCalls> {
  const catalog = createCatalogService({ connections: deps.connections, version: deps.ports.version, client: { log: deps.ports.log } });
  return {
    'catalog.children': ({ connectionId, path }) => catalog.children(connectionId, path),
    'catalog.search': ({ connectionId, workspaceId, query, limit }) => catalog.search(connectionId, workspaceId, query, limit),
    'catalog.signal': ({ connectionId, id }) => catalog.signal(connectionId, id),
    'connections.test': async (input) => {
      // A draft (URL and key as typed) is tested as is; a saved connection with its stored key.
      const target = 'apiKey' in input ? { apiUrl: input.apiUrl, apiKey: input.apiKey } : await deps.connections.target(input.id);
      return catalog.me(target);
    },
  };
}
