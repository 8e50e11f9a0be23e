import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { findDefaultCatalog } from './catalog/find-catalog';
import { loadCatalog } from './catalog/load-catalog';
import type { EmulatorContext } from './http/context';
import { DataRequests, type ProducedInfo } from './http/historical-data/data-requests';
import { noFaults, type Faults } from './http/faults';
import { FileStore } from './http/files/file-store';
import { buildServer } from './http/server';

/*
 * A Nortech-compatible API server on the demo catalog: the app's "Demo data" connection, the
 * standalone `npm run emulator`, and the test bed. Plain Node: never imports electron.
 */

export type { Faults } from './http/faults';
export type { ProducedInfo } from './http/historical-data/data-requests';
export type { Catalog, CatalogSignal } from './catalog/catalog-types';
export { loadCatalog } from './catalog/load-catalog';
export { findDefaultCatalog } from './catalog/find-catalog';
export { valueAt, type SampleValue } from './values/value-at';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** The accepted bearer token. Default 'demo'. */
  apiKey?: string;
  /** Where output files are written. Default: a fresh folder under os.tmpdir(), removed on close. */
  filesDir?: string;
  /** A sync request whose file takes longer than this answers 500 "Request timed out". Default 120000. */
  syncTimeLimitMs?: number;
  /** The same for async requests (they end Failed). Default 1800000 (30 min). */
  asyncTimeLimitMs?: number;
  /** Signed-URL lifetime and file expiry. Default 3600000 (1 h). */
  fileTtlMs?: number;
  /** The demo catalog. Default: resources/demo/catalog.json found above this module. */
  catalogPath?: string;
  /** The clock (epoch ms): data ends at now(), URLs expire by it. Default Date.now. */
  now?: () => number;
  /** Faults active from the start (e.g. from CLI flags). */
  faults?: Partial<Faults>;
  /** Log requests (method and path only) to stdout. Default false. */
  logRequests?: boolean;
  /** Rows per output chunk / parquet row group. Default 65536. */
  chunkRows?: number;
  /** Called when a requested file is ready, with the time it took to produce (used by `npm run bench`). */
  onProduced?: (info: ProducedInfo) => void;
}

export interface Emulator {
  /** e.g. http://127.0.0.1:43123 (no trailing slash). */
  baseUrl: string;
  apiKey: string;
  /** Mutable: tests set fields directly. */
  faults: Faults;
  /** Where output files are written. */
  filesDir: string;
  resetFaults(): void;
  /** Deletes expired output files now (also done on each file download and by a timer). */
  sweepFiles(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_SYNC_TIME_LIMIT_MS = 120_000;
export const DEFAULT_ASYNC_TIME_LIMIT_MS = 1_800_000;
export const DEFAULT_FILE_TTL_MS = 3_600_000;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const catalog = loadCatalog(opts.catalogPath ?? findDefaultCatalog());
  const now = opts.now ?? Date.now;
  const ownsDir = opts.filesDir === undefined;
  const filesDir = opts.filesDir ?? mkdtempSync(join(tmpdir(), 'nortech-emulator-'));
  const faults: Faults = { ...noFaults(), ...opts.faults };
  const files = new FileStore(filesDir, opts.fileTtlMs ?? DEFAULT_FILE_TTL_MS, now, catalog.user.customerId);
  const requests = new DataRequests(files, faults, {
    syncTimeLimitMs: opts.syncTimeLimitMs ?? DEFAULT_SYNC_TIME_LIMIT_MS,
    asyncTimeLimitMs: opts.asyncTimeLimitMs ?? DEFAULT_ASYNC_TIME_LIMIT_MS,
    ...(opts.chunkRows ? { chunkRows: opts.chunkRows } : {}),
    ...(opts.onProduced ? { onProduced: opts.onProduced } : {}),
  });
  let baseUrl = '';
  const apiKey = opts.apiKey ?? 'demo';
  const ctx: EmulatorContext = { catalog, apiKey, faults, now, files, requests, baseUrl: () => baseUrl };
  const app = buildServer(ctx, { logger: opts.logRequests ?? false });

  const host = opts.host ?? '127.0.0.1';
  try {
    await app.listen({ host, port: opts.port ?? 0 });
  } catch (err) {
    files.close();
    if (ownsDir) rmSync(filesDir, { recursive: true, force: true });
    throw err;
  }
  const { port } = app.server.address() as AddressInfo;
  baseUrl = `http://${urlHost(host)}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    baseUrl,
    apiKey,
    faults,
    filesDir,
    resetFaults: () => void Object.assign(faults, noFaults()),
    sweepFiles: () => files.sweep(),
    close: () =>
      (closing ??= (async () => {
        await requests.close();
        await app.close();
        files.close();
        if (ownsDir) rmSync(filesDir, { recursive: true, force: true });
      })()),
  };
}

// A wildcard address is not one a client can call: point it at loopback. IPv6 needs brackets.
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
