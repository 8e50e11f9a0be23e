import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MainPorts } from '../ports/main-ports';
import type { ConnectionsService } from '../connections/service';
import { createHistory, type History } from '../history/history-store';
import type { SettingsService } from '../settings/settings-service';
import { cacheBudget, type CacheBudget } from './jobs/cache-budget';
import { createExportService, type ExportService } from './jobs/export-service';
import { heldFiles, type HeldFiles } from './save/held-file';
import { createDownloadThread } from './download/download-thread';
import { createExportSessions } from './session/start-session';
import { createWorkerPool, type WorkerPool } from './worker/worker-pool';

/** The export service, the history it writes to and the workers they share: one set per app. */
export interface ExportStack {
  service: ExportService;
  history: History;
  pool: WorkerPool;
  /** Where browser mode's conversions for download are made. */
  convertedDir: string;
  /** Each ready job's export in its downloaded format, for Save… (save/held-file.ts). */
  held: HeldFiles;
  close(): Promise<void>;
}

/** What the export, preview and history handler groups are built from. */
export interface ExportDeps {
  ports: MainPorts;
  stack: ExportStack;
}

export function createExportStack(ports: MainPorts, connections: ConnectionsService, settings: SettingsService): ExportStack {
  const convertedDir = join(ports.cacheDir, 'converted');
  // Conversions offered as browser downloads are only needed while this run lasts.
  void rm(convertedDir, { recursive: true, force: true }).catch((error: unknown) =>
    ports.log?.warn('Could not clear the conversions of an earlier run', { dir: convertedDir, err: error }),
  );
  const history = createHistory({ dataDir: ports.dataDir, log: ports.log });
  const pool = createWorkerPool();
  const downloader = createDownloadThread();
  const jobsDir = join(ports.cacheDir, 'exports');
  // Declared before the service so that its end-of-job hook can keep the cache under its limit.
  let budget: CacheBudget | null = null;
  // The cache stays over its size until the next export ends and tries again.
  const budgetFailed = (error: unknown) => ports.log?.warn('Could not keep the export cache within its size', { err: error });
  const held = heldFiles(ports.log, pool);
  const service = createExportService({
    cacheDir: jobsDir,
    sessions: createExportSessions({ version: ports.version, pool, downloader, client: { log: ports.log } }),
    resolveTarget: (id) => connections.target(id),
    concurrency: async () => (await settings.get()).concurrency,
    emit: (status) => ports.emit('exports.progress', status),
    history,
    onEnded: () => void budget?.enforce().catch(budgetFailed),
    onReady: (job) => {
      const m = job.manifest();
      // A job with derived columns is never saved as its downloads (save-export.ts): nothing to hold.
      if (m && !m.request.derivations?.derived.length) held.prepare(job.dir, m);
    },
    log: ports.log,
  });
  budget = cacheBudget({
    dir: jobsDir,
    limitBytes: async () => (await settings.get()).cacheLimitGb * 1e9,
    pinned: () => service.pinned(),
    dropped: (id) => history.uncache(id),
    log: ports.log,
  });
  void budget.enforce().catch(budgetFailed);
  return {
    service,
    history,
    pool,
    convertedDir,
    held,
    async close() {
      await service.close();
      await Promise.all([pool.close(), downloader.close()]);
    },
  };
}
