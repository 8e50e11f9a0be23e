import type { Handlers } from '../bridge/handlers';
import { appHandlers } from './app-info';
import { createConnectionsService } from '../connections/service';
import { connectionHandlers } from '../connections/handlers';
import { selectionHandlers } from '../selections/service';
import { catalogHandlers } from '../catalog/handlers';
import { createExportStack } from '../exports/export-stack';
import { exportHandlers } from '../exports/handlers';
import { previewHandlers } from '../exports/preview-handlers';
import { historyHandlers } from '../exports/history-handlers';
import { createSettings, settingsHandlers } from '../settings/settings-service';
import type { MainPorts } from '../ports/main-ports';
import { diagnosticsHandlers } from '../log/diagnostics-handlers';
import { liveHandlers } from '../live/handlers';
import type { LiveService } from '../live/live-service';
import { composeLive } from './compose-live';
import { createRecipeHandlers } from '../recipes/recipe-handlers';
import { saveToS3Handlers } from '../object-storage/save-to-s3-handler';
import { conditionsFileHandlers } from '../exports/conditions-file/conditions-file-handlers';

export interface MainHandlers {
  handlers: Handlers;
  /** For the host to say when its window is minimised. */
  live: Pick<LiveService, 'setHidden'>;
  /** Cancels jobs in flight and ends the export workers. */
  close(): Promise<void>;
}

/** The main process as the window sees it: every call of the contract, wired to its service. */
export function createHandlers(ports: MainPorts): MainHandlers {
  const connections = createConnectionsService(ports);
  const settings = createSettings(ports.dataDir);
  const stack = createExportStack(ports, connections, settings);
  const live = composeLive(ports, connections, settings, stack);
  const recipes = createRecipeHandlers({ ports, connections, service: stack.service, ...(ports.now ? { now: ports.now } : {}) });
  // Runs missed while the app was closed are caught up now, oldest first.
  void recipes.scheduler.start();
  return {
    handlers: {
      ...appHandlers(ports),
      ...connectionHandlers(connections),
      ...selectionHandlers(ports.dataDir),
      ...catalogHandlers({ ports, connections }),
      ...exportHandlers({ ports, stack }),
      ...previewHandlers({ ports, stack }),
      ...historyHandlers({ ports, stack }),
      ...settingsHandlers(settings),
      ...diagnosticsHandlers({ ports, connections, settings }),
      ...liveHandlers(live),
      ...recipes.handlers,
      ...saveToS3Handlers({ ports, stack }),
      ...conditionsFileHandlers({ ports, stack }),
    },
    live,
    close: async () => {
      recipes.scheduler.stop();
      await live.close();
      await stack.close();
    },
  };
}
