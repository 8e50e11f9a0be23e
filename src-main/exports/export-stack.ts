import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MainPorts } from '../app/ports';
import type { ConnectionsService } from '../connections/service';
import { createHistory, type History } from '../history/history-store';
import { createExportService, type ExportService } from './jobs/export-service';

/** The export service and the history it writes to: one pair per app, shared by the handler groups. */
export interface ExportStack {
  service: ExportService;
  history: History;
}

/** What the export, preview and history handler groups are built from. */
export interface ExportDeps {
  ports: MainPorts;
  stack: ExportStack;
}

export function createExportStack(ports: MainPorts, connections: ConnectionsService): ExportStack {
  // Conversions offered as browser downloads are only needed while this run lasts.
  void rm(join(ports.cacheDir, 'exports', 'converted'), { recursive: true, force: true }).catch(() => undefined);
  const history = createHistory({ dataDir: ports.dataDir });
  const service = createExportService({
    cacheDir: join(ports.cacheDir, 'exports'),
    version: ports.version,
    resolveTarget: (id) => connections.target(id),
    emit: (status) => ports.emit('exports.progress', status),
    history,
  });
  return { service, history };
}
