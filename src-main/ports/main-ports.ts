import type { Layout, SaveFormat } from '../../src-preload/contract';
import type { EmitEvent } from '../bridge/handlers';
import type { Logger } from '../log/logger';

/** Keeps API keys. Electron: safeStorage on disk; browser mode and tests: memory only. */
export interface SecretStore {
  /** `encrypted`: survives restarts, encrypted by the OS; `memory`: this run only. */
  readonly kind: 'encrypted' | 'memory';
  get(id: string): Promise<string | null>;
  set(id: string, secret: string): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Where "Save…" puts a file: the system dialog (desktop) or a browser download (browser mode). */
export type SaveTarget =
  | { kind: 'dialog'; choosePath(suggestedName: string, format: SaveFormat, layout: Layout): Promise<string | null> }
  | { kind: 'download'; offer(filePath: string, fileName: string): string };

/**
 * Everything the main process's services need from their host. `src-main/electron` supplies the
 * real ones, `src-main/browser` the browser mode's, tests temp folders.
 */
export interface MainPorts {
  mode: 'electron' | 'browser';
  version: string;
  platform: string;
  /** The user data folder: settings, connections, history, saved selections. */
  dataDir: string;
  /** Downloaded output files. */
  cacheDir: string;
  secrets: SecretStore;
  emit: EmitEvent;
  saveTarget: SaveTarget;
  /** The embedded Nortech emulator behind the "Demo data" connection. */
  demo?: { baseUrl: string; apiKey: string };
  /** Reveal a file in the system file manager; absent where there is none (browser mode). */
  showInFolder?: (path: string) => void;
  /** The main process's log (src-main/log/logger.ts); absent: nothing is logged (tests). */
  log?: Logger;
  /** The log's current file, whose last lines "Copy diagnostics" reads; absent where there is none. */
  logFile?: string;
  /** Opens a folder in the system's file manager; answers false when it could not. */
  openFolder?: (path: string) => Promise<boolean>;
  /** Tells the user something they should see even with the window hidden (an OS notification); absent in browser mode, whose window shows a badge. */
  notify?: (title: string, body: string) => void;
  /** The schedules' clock; absent: Date.now. Only browser mode's UI tests shift it (a host restarted days later). */
  now?: () => number;
}
