import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { findDefaultCatalog } from './catalog/find-catalog';
import { loadCatalog } from './catalog/load-catalog';
import type { EmulatorContext } from './http/context';
import { durationMs } from './duration';
import { inlineProducer, threadProducer } from './output/producer';
import { DataRequests, type ProducedInfo } from './http/historical-data/data-requests';
import { logFields, type DataRequestRecord } from './http/historical-data/request-record';
import { noFaults, type Faults } from './http/faults';
import { FileStore } from './http/files/file-store';
import { buildServer } from './http/server';

/*
 * A Nortech-compatible API server on the demo catalog: the app's "Demo data" connection, the
 * standalone `npm run emulator`, and the test bed. Plain Node: never imports electron.
 */

export type { Faults } from './http/faults';
export type { ProducedInfo } from './http/historical-data/data-requests';
export type { DataRequestRecord } from './http/historical-data/request-record';
export type { CatalogSignal } from './catalog/catalog-types';
export { loadCatalog } from './catalog/load-catalog';
export { findDefaultCatalog } from './catalog/find-catalog';
export { valueAt } from './values/value-at';

import type { ParquetStyle } from './output/parquet-styles';

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
  /**
   * A sync or async request whose file would have more rows than this fails "Request timed out" at
   * once, without producing anything: a deterministic, instant stand-in for the time limit (tests
   * of chunk splitting). Default: no limit.
   */
  maxRowsPerRequest?: number;
  /**
   * Files produced at once; a request beyond waits its turn (Running), and its time limit counts
   * from its turn. Default 1, a server with one production worker: interleaved in the one thread,
   * L's three chunks asked together were all answered within 7 ms of each other at 1.19 s, so a
   * client could read none of them while the server produced.
   */
  productionSlots?: number;
  /**
   * Files are produced on a thread of their own (output/producer.ts), so that downloads are served
   * while the next file is produced. Default false (in the serving thread: one thread less per
   * emulator a test starts).
   */
  productionThread?: boolean;
  /**
   * Data newer than now minus this is not in historical storage yet (Nortech keeps about a day in
   * hot storage, which its SDK does not download): a window reaching into it gets data up to that
   * instant, and "Signal Data not found" when it asks for nothing older. A duration ('1d', '6h') or
   * milliseconds. Default 0: data until now.
   */
  coldStorageLag?: string | number;
  /** Faults active from the start (e.g. from CLI flags). */
  faults?: Partial<Faults>;
  /** Log requests (method and path only; data requests also their window and outcome) to stdout. Default false. */
  logRequests?: boolean;
  /** Rows per output chunk / parquet row group. Default 65536. */
  chunkRows?: number;
  /**
   * How parquet files are written: `default` (our writer, as the API writes them), or another
   * shape a real server's writer may send (output/parquet-styles.ts: time units, codecs, v2
   * pages, unsorted rows...). Default `default`.
   */
  parquetStyle?: ParquetStyle;
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
  /** Every sync and async request that passed validation, oldest first (a fresh copy on each read). */
  readonly dataRequests: DataRequestRecord[];
  /** How many calls the live endpoint (`POST /api/v1/live-data/points`) has answered past the API guard. */
  readonly liveRequests: number;
  resetFaults(): void;
  /**
   * Ends every outputFile URL handed out so far, now (403 "Request has expired", files deleted), as
   * if their lifetime had passed: a client resuming after a long pause must request them again.
   */
  expireUrls(): Promise<void>;
  /** Deletes expired output files now (also done on each file download and by a timer). */
  sweepFiles(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_SYNC_TIME_LIMIT_MS = 120_000;
export const DEFAULT_ASYNC_TIME_LIMIT_MS = 1_800_000;
export const DEFAULT_FILE_TTL_MS = 3_600_000;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const lagMs = durationMs(opts.coldStorageLag ?? 0);
  const maxRows = opts.maxRowsPerRequest;
  if (maxRows !== undefined && !(Number.isInteger(maxRows) && maxRows >= 0))
    throw new Error(`maxRowsPerRequest must be a whole number >= 0, got ${maxRows}`);
  const slots = opts.productionSlots;
  if (slots !== undefined && !(Number.isInteger(slots) && slots >= 1))
    throw new Error(`productionSlots must be a whole number >= 1, got ${slots}`);
  const catalog = loadCatalog(opts.catalogPath ?? findDefaultCatalog());
  const now = opts.now ?? Date.now;
  const ownsDir = opts.filesDir === undefined;
  const filesDir = opts.filesDir ?? mkdtempSync(join(tmpdir(), 'nortech-emulator-'));
  const faults: Faults = { ...noFaults(), ...opts.faults };
  const files = new FileStore(filesDir, opts.fileTtlMs ?? DEFAULT_FILE_TTL_MS, now, catalog.user.customerId);
  let app: FastifyInstance | null = null;
  const producer = opts.productionThread ? await threadProducer() : inlineProducer();
  const requests = new DataRequests(files, faults, producer, {
    syncTimeLimitMs: opts.syncTimeLimitMs ?? DEFAULT_SYNC_TIME_LIMIT_MS,
    asyncTimeLimitMs: opts.asyncTimeLimitMs ?? DEFAULT_ASYNC_TIME_LIMIT_MS,
    ...(maxRows !== undefined ? { maxRowsPerRequest: maxRows } : {}),
    productionSlots: opts.productionSlots ?? 1,
    ...(opts.chunkRows ? { chunkRows: opts.chunkRows } : {}),
    ...(opts.parquetStyle ? { parquetStyle: opts.parquetStyle } : {}),
    ...(opts.onProduced ? { onProduced: opts.onProduced } : {}),
    ...(opts.logRequests
      ? { onOutcome: (record: DataRequestRecord) => app?.log.info({ dataRequest: logFields(record) }, 'data request') }
      : {}),
  });
  let baseUrl = '';
  const apiKey = opts.apiKey ?? 'demo';
  const liveRequests = { count: 0 };
  const ctx: EmulatorContext = {
    catalog,
    apiKey,
    faults,
    now,
    storedUntil: () => now() - lagMs,
    files,
    requests,
    liveRequests,
    baseUrl: () => baseUrl,
  };
  app = buildServer(ctx, { logger: opts.logRequests ?? false });

  const host = opts.host ?? '127.0.0.1';
  try {
    await app.listen({ host, port: opts.port ?? 0 });
  } catch (err) {
    await producer.close();
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
    get dataRequests() {
      return requests.recorded();
    },
    get liveRequests() {
      return liveRequests.count;
    },
    resetFaults: () => void Object.assign(faults, noFaults()),
    expireUrls: () => {
      files.expireAll();
      return files.sweep();
    },
    sweepFiles: () => files.sweep(),
    close: () =>
      (closing ??= (async () => {
        await requests.close();
        await producer.close();
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
