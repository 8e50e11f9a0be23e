import type { Handlers } from '../bridge/handlers';
import { appHandlers } from './app-info';
import { createConnectionsService } from '../connections/service';
import { connectionHandlers } from '../connections/handlers';
import { selectionHandlers } from '../selections/service';
import { catalogHandlers } from '../catalog/handlers';
import { exportHandlers } from '../exports/handlers';
import { previewHandlers } from '../preview/handlers';
import { historyHandlers } from '../history/handlers';
import type { MainPorts } from './ports';

/** The main process as the window sees it: every call of the contract, wired to its service. */
export function createHandlers(ports: MainPorts): Handlers {
  const connections = createConnectionsService(ports);
  return {
    ...appHandlers(ports),
    ...connectionHandlers(connections),
    ...selectionHandlers(ports.dataDir),
    ...catalogHandlers({ ports, connections }),
    ...exportHandlers({ ports, connections }),
    ...previewHandlers({ ports, connections }),
    ...historyHandlers({ ports, connections }),
  };
}
