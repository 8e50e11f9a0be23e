import type { ConnectionsService } from '../connections/service';
import type { ExportStack } from '../exports/export-stack';
import { exportFill } from '../live/history-fill';
import { createLiveService, type LiveService } from '../live/live-service';
import { createNortechClient } from '../nortech/client';
import type { MainPorts } from '../ports/main-ports';
import type { SettingsService } from '../settings/settings-service';

/** Live, wired to its parts: a connection's client, the interval of the settings, and the export service for the history fill. */
export function composeLive(ports: MainPorts, connections: ConnectionsService, settings: SettingsService, stack: ExportStack): LiveService {
  const { service, history } = stack;
  return createLiveService({
    clientFor: async (id) => createNortechClient({ ...(await connections.target(id)), version: ports.version }),
    intervalMs: async () => Math.round((await settings.get()).liveIntervalSeconds * 1000),
    fill: exportFill({
      start: (request) => service.start(request),
      wait: (jobId) => service.wait(jobId),
      series: (jobId, range, points) => service.job(jobId).preview().series(range, points),
      cancel: (jobId) => service.cancel(jobId),
      discard: async (jobId) => {
        await service.forget(jobId);
        await history.remove(jobId);
      },
    }),
    emit: (update) => ports.emit('live.update', update),
  });
}
