import { homedir } from 'node:os';
import type { AppInfo, Connection, Settings } from '../../src-preload/contract';

/*
 * The text of "Copy diagnostics": what a bug report needs and nothing secret. Connections are
 * named with their URL and how their key is kept, never the key nor its last characters; the log's
 * lines were redacted as they were written and are redacted again with what is known now; the
 * home folder is `~` (it holds the user's name).
 */

export interface DiagnosticsFacts {
  app: AppInfo;
  runtime: Record<string, string>;
  userAgent: string;
  libraries: Record<string, string>;
  settings: Settings;
  connections: Connection[];
  dataDir: string;
  logFile: string | null;
  lines: string[];
  now: Date;
}

const keyKept: Record<Connection['keyStorage'], string> = {
  encrypted: 'key encrypted on disk',
  session: 'key in memory for this session',
  none: 'no key',
};

function connectionLine(c: Connection): string {
  return c.kind === 'demo' ? `  - ${c.name} (built in): ${c.apiUrl}` : `  - ${c.name}: ${c.apiUrl}, ${keyKept[c.keyStorage]}`;
}

export function diagnosticsText(f: DiagnosticsFacts, redact: (text: string) => string): string {
  const { app } = f;
  const text = [
    `${app.name} diagnostics, ${f.now.toISOString()}`,
    '',
    `App: ${app.name} ${app.version}, ${app.mode === 'browser' ? 'browser mode' : 'desktop app'}, API keys kept: ${app.secretStorage}`,
    `OS: ${f.runtime.os} (${f.runtime.osVersion})`,
    `Runtime: Node ${f.runtime.node}, V8 ${f.runtime.v8}${f.runtime.electron ? `, Electron ${f.runtime.electron}, Chromium ${f.runtime.chromium}` : ''}`,
    `Window: ${f.userAgent}`,
    `Libraries: ${Object.entries(f.libraries)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
    `Data folder: ${f.dataDir}`,
    `Log file: ${f.logFile ?? 'none'}`,
    `Settings: ${JSON.stringify(f.settings)}`,
    `Connections (${f.connections.length}):`,
    ...f.connections.map(connectionLine),
    '',
    `Last ${f.lines.length} log lines:`,
    ...f.lines,
    '',
  ].join('\n');
  const home = homedir();
  return redact(home.length > 1 ? text.split(home).join('~') : text);
}
