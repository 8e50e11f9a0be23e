import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportRequest, Format, JobStatus, SelectedSignal } from '../../../src-preload/contract';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { createNortechClient } from '../../nortech/client';
import { toSignal } from '../../nortech/to-domain';
import { createExportService, type ExportServiceOptions } from '../jobs/export-service';
import { createExportSessions, type SessionDeps } from '../session/start-session';
import { createWorkerPool, type WorkerPool } from '../worker/worker-pool';

/** Sessions on a shared pool with short retry waits, as tests want them. */
export const testSessions = (pool: WorkerPool, over: Partial<SessionDeps> = {}) =>
  createExportSessions({
    version: '0.0.0-test',
    pool,
    client: { retry: { baseDelayMs: 5, maxDelayMs: 20 } },
    download: { retryDelayMs: 5 },
    ...over,
  });

/** An emulator, a temp folder and an export service pointed at them, for tests and the bench. */
export async function exportFixture(emulatorOptions: EmulatorOptions = {}, serviceOptions: Partial<ExportServiceOptions> = {}) {
  const emulator: Emulator = await startEmulator({ apiKey: 'test-key', ...emulatorOptions });
  const dir = await mkdtemp(join(tmpdir(), 'se-exports-'));
  const events: JobStatus[] = [];
  const pool = createWorkerPool(2);
  const options: ExportServiceOptions = {
    cacheDir: join(dir, 'cache'),
    sessions: testSessions(pool),
    resolveTarget: async () => ({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }),
    concurrency: async () => 3,
    emit: (s) => events.push(s),
    ...serviceOptions,
  };
  const service = createExportService(options);
  const client = createNortechClient({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey, version: 'test' });

  /** Signals as the window would select them: `rename` defaults to the ID (the API's column name). */
  async function selected(ids: number[], renames: (string | undefined)[] = []): Promise<SelectedSignal[]> {
    return Promise.all(ids.map(async (id, i) => ({ ...toSignal(await client.getSignal(id)), rename: renames[i] ?? String(id) })));
  }

  function request(
    signals: SelectedSignal[],
    format: Format,
    start = '2025-03-01T00:00:00.000Z',
    end = '2025-03-01T01:00:00.000Z',
  ): ExportRequest {
    return { connectionId: 'demo', signals, timeWindow: { start, end }, format, values: { kind: 'raw' } };
  }

  return {
    emulator,
    dir,
    service,
    /** What the service was made with: another service over the same emulator and cache. */
    options,
    pool,
    events,
    client,
    selected,
    request,
    async close() {
      await service.close();
      await pool.close();
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
