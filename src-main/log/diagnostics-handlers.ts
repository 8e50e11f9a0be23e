import { dirname } from 'node:path';
import type { Handlers } from '../bridge/handlers';
import type { ConnectionsService } from '../connections/service';
import type { MainPorts } from '../ports/main-ports';
import type { SettingsService } from '../settings/settings-service';
import { LOG_LIMITS, logDirOf } from './app-log';
import { diagnosticsText } from './diagnostics';
import { libraryVersions } from './library-versions';
import { silentLogger } from './logger';
import { recentLines } from './recent-lines';
import { runtimeFacts } from './runtime-facts';

/** The lines a bug report carries. */
export const DIAGNOSTIC_LINES = 200;

export interface DiagnosticsDeps {
  ports: MainPorts;
  connections: Pick<ConnectionsService, 'list'>;
  settings: Pick<SettingsService, 'get'>;
}

export function diagnosticsHandlers(deps: DiagnosticsDeps): Pick<Handlers, 'app.diagnostics' | 'app.openLogFolder'> {
  const { ports } = deps;
  const log = ports.log ?? silentLogger;
  const logDir = ports.logFile ? dirname(ports.logFile) : logDirOf(ports.dataDir);
  return {
    'app.diagnostics': async ({ userAgent }) => {
      log.info('Diagnostics asked for');
      const [settings, connections, lines] = await Promise.all([
        deps.settings.get(),
        deps.connections.list(),
        ports.logFile ? recentLines(ports.logFile, DIAGNOSTIC_LINES, LOG_LIMITS.files) : [],
      ]);
      const app = {
        name: 'Signal Explorer',
        version: ports.version,
        mode: ports.mode,
        secretStorage: ports.secrets.kind,
        platform: ports.platform,
      };
      const text = diagnosticsText(
        {
          app,
          runtime: runtimeFacts(),
          userAgent,
          libraries: libraryVersions(),
          settings,
          connections,
          dataDir: ports.dataDir,
          logFile: ports.logFile ?? null,
          lines,
          now: new Date(),
        },
        log.redact,
      );
      return { text };
    },
    'app.openLogFolder': async () => ({ opened: ports.openFolder ? await ports.openFolder(logDir) : false, path: logDir }),
  };
}
