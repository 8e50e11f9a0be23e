import { setTimeout as sleep } from 'node:timers/promises';
import type { CatalogSignal } from '../../catalog/catalog-types';
import type { TimeWindow } from '../../values/row-chunks';
import { produceFile, ProductionTimeout, type OutputFormat } from '../../output/produce-file';
import { takeWriteFailure, type Faults } from '../faults';
import type { FileStore, StoredFile } from '../files/file-store';

/*
 * Data requests: numbered from 1000 upwards, produced synchronously (the sync endpoint waits) or
 * in the background (async, polled with GET /historical-data/{requestId}). Every request is
 * remembered for its status until the emulator closes.
 */

export type FailureReason = 'Data request failed' | 'Request timed out';

export type RequestStatus =
  | { requestId: number; status: 'Running'; outputFile: string }
  | { requestId: number; status: 'Finished'; outputFile: string }
  | { requestId: number; status: 'Failed'; error: FailureReason };

export interface DataJob {
  signals: CatalogSignal[];
  names: string[];
  window: TimeWindow;
  format: OutputFormat;
  /** The rows the file will have (countRows). */
  rows: number;
}

export interface DataRequestLimits {
  syncTimeLimitMs: number;
  asyncTimeLimitMs: number;
  chunkRows?: number;
  /** Told of every file produced, with the server's own time for it (the benchmark's floor). */
  onProduced?: (info: ProducedInfo) => void;
}

export interface ProducedInfo {
  requestId: number;
  format: OutputFormat;
  rows: number;
  bytes: number;
  /** From the start of production to the file closed on disk. */
  ms: number;
}

export class DataRequests {
  private nextId = 1000;
  private readonly statuses = new Map<number, RequestStatus>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly shutdown = new AbortController();

  constructor(
    private readonly files: FileStore,
    private readonly faults: Faults,
    private readonly limits: DataRequestLimits,
  ) {}

  /** Produces the file now; resolves with Finished or Failed. */
  async runSync(job: DataJob, origin: string): Promise<RequestStatus> {
    const { requestId, file } = this.accept(job, origin);
    return this.track(this.produce(requestId, file, job, origin, this.limits.syncTimeLimitMs));
  }

  /** Starts production in the background; answers Running with the URL the file will have. */
  startAsync(job: DataJob, origin: string): RequestStatus {
    const { requestId, file } = this.accept(job, origin);
    const hold = this.faults.asyncHoldMs;
    void this.track(
      (async () => {
        if (hold > 0) await sleep(hold, undefined, { signal: this.shutdown.signal }).catch(() => undefined);
        return this.produce(requestId, file, job, origin, this.limits.asyncTimeLimitMs);
      })(),
    );
    return this.status(requestId)!;
  }

  status(requestId: number): RequestStatus | undefined {
    return this.statuses.get(requestId);
  }

  /** Stops running productions and waits for them to clean up. */
  async close(): Promise<void> {
    this.shutdown.abort();
    await Promise.allSettled([...this.running]);
  }

  private accept(job: DataJob, origin: string): { requestId: number; file: StoredFile } {
    const requestId = this.nextId++;
    const file = this.files.reserve(requestId, job.format);
    this.statuses.set(requestId, { requestId, status: 'Running', outputFile: origin + file.signedPath });
    return { requestId, file };
  }

  private async produce(requestId: number, file: StoredFile, job: DataJob, origin: string, limitMs: number): Promise<RequestStatus> {
    const started = performance.now();
    let result: RequestStatus;
    if (this.shutdown.signal.aborted || takeWriteFailure(this.faults)) {
      result = this.failed(requestId, 'Data request failed');
    } else {
      try {
        const out = await produceFile({
          ...job,
          path: file.path,
          deadline: started + limitMs,
          abort: this.shutdown.signal,
          ...(this.limits.chunkRows ? { chunkRows: this.limits.chunkRows } : {}),
        });
        this.files.markReady(file, out.bytes, out.md5);
        this.limits.onProduced?.({ requestId, format: job.format, rows: out.rows, bytes: out.bytes, ms: performance.now() - started });
        result = { requestId, status: 'Finished', outputFile: origin + file.signedPath };
      } catch (err) {
        result = this.failed(requestId, err instanceof ProductionTimeout ? 'Request timed out' : 'Data request failed');
      }
    }
    if (result.status === 'Failed') await this.files.remove(file);
    this.statuses.set(requestId, result);
    return result;
  }

  private failed(requestId: number, error: FailureReason): RequestStatus {
    return { requestId, status: 'Failed', error };
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    void p.finally(() => this.running.delete(p)).catch(() => undefined);
    return p;
  }
}
