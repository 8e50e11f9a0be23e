import { setTimeout as sleep } from 'node:timers/promises';
import type { CatalogSignal } from '../../catalog/catalog-types';
import type { TimeWindow } from '../../values/row-chunks';
import { ProductionTimeout, type OutputFormat } from '../../output/produce-file';
import type { Producer } from '../../output/producer';
import { takeOne, type Faults } from '../faults';
import type { ParquetStyle } from '../../output/parquet-styles';
import type { FileStore, StoredFile } from '../files/file-store';
import { copyRecord, type AskedFor, type DataRequestRecord, type FailureReason } from './request-record';

/*
 * Data requests: numbered from 1000 upwards, produced synchronously (the sync endpoint waits) or
 * in the background (async, polled with GET /historical-data/{requestId}), `productionSlots` at a
 * time (the rest wait in arrival order). Every request is
 * remembered for its status, and recorded (request-record.ts), until the emulator closes.
 */

export type { FailureReason } from './request-record';

export type RequestStatus =
  | { requestId: number; status: 'Running'; outputFile: string }
  | { requestId: number; status: 'Finished'; outputFile: string }
  | { requestId: number; status: 'Failed'; error: FailureReason };

export interface DataJob {
  signals: CatalogSignal[];
  names: string[];
  /** What is served: the asked window cut at the newest stored instant. */
  window: TimeWindow;
  format: OutputFormat;
  /** The rows the file will have (countRows). */
  rows: number;
  asked: AskedFor;
}

export interface DataRequestLimits {
  syncTimeLimitMs: number;
  asyncTimeLimitMs: number;
  /** A request whose file would have more rows fails "Request timed out" before production. */
  maxRowsPerRequest?: number;
  /** Files produced at once (default 1); the rest wait in arrival order. */
  productionSlots?: number;
  chunkRows?: number;
  /** How parquet files are written (`--parquet-style`). */
  parquetStyle?: ParquetStyle;
  /** Told of every file produced, with the server's own time for it (the benchmark's floor). */
  onProduced?: (info: ProducedInfo) => void;
  /** Told of every recorded request once its outcome is known (`--log`). */
  onOutcome?: (record: DataRequestRecord) => void;
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
  private readonly records: DataRequestRecord[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private readonly shutdown = new AbortController();
  private producing = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly files: FileStore,
    private readonly faults: Faults,
    private readonly producer: Producer,
    private readonly limits: DataRequestLimits,
  ) {}

  /** Produces the file now; resolves with Finished or Failed. */
  async runSync(job: DataJob, origin: string): Promise<RequestStatus> {
    const accepted = this.accept(job, origin);
    const result = await this.track(this.produce(accepted, job, origin, this.limits.syncTimeLimitMs));
    // A sync request hands out its URL with the answer: that is the URL the fault expires.
    if (result.status === 'Finished' && takeOne(this.faults, 'expireUrlsNext')) this.files.expire(accepted.file);
    return result;
  }

  /** Starts production in the background; answers Running with the URL the file will have. */
  startAsync(job: DataJob, origin: string): RequestStatus {
    const accepted = this.accept(job, origin);
    // An async request hands out its URL at once, with Running.
    if (takeOne(this.faults, 'expireUrlsNext')) this.files.expire(accepted.file);
    const hold = this.faults.asyncHoldMs;
    void this.track(
      (async () => {
        // Cut short by the server's shutdown: production then stops by itself.
        if (hold > 0) await sleep(hold, undefined, { signal: this.shutdown.signal }).catch(() => undefined);
        return this.produce(accepted, job, origin, this.limits.asyncTimeLimitMs);
      })(),
    );
    return this.status(accepted.requestId)!;
  }

  status(requestId: number): RequestStatus | undefined {
    return this.statuses.get(requestId);
  }

  /** Records a request refused before it got an ID (404). */
  refused(asked: AskedFor, outcome: 'Signals not found' | 'Signal Data not found', rows: number | null): void {
    const record: DataRequestRecord = { requestId: null, ...asked, rows, outcome };
    this.records.push(record);
    this.limits.onOutcome?.(copyRecord(record));
  }

  /** Every recorded request, oldest first (copies). */
  recorded(): DataRequestRecord[] {
    return this.records.map(copyRecord);
  }

  /** Stops running productions and waits for them to clean up. */
  async close(): Promise<void> {
    this.shutdown.abort();
    await Promise.allSettled([...this.running]);
  }

  private accept(job: DataJob, origin: string): Accepted {
    const requestId = this.nextId++;
    const file = this.files.reserve(requestId, job.format);
    this.statuses.set(requestId, { requestId, status: 'Running', outputFile: origin + file.signedPath });
    const record: DataRequestRecord = { requestId, ...job.asked, rows: job.rows, outcome: 'Running' };
    this.records.push(record);
    return { requestId, file, record };
  }

  /** Waits for a production slot; answers its release, which hands the slot to the next in line. */
  private async turn(): Promise<() => void> {
    if (this.producing < (this.limits.productionSlots ?? 1)) this.producing++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    return () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.producing--;
    };
  }

  private async produce({ requestId, file, record }: Accepted, job: DataJob, origin: string, limitMs: number): Promise<RequestStatus> {
    let result: RequestStatus;
    if (this.shutdown.signal.aborted) {
      result = failed(requestId, 'Data request failed');
    } else if (job.rows > (this.limits.maxRowsPerRequest ?? Number.POSITIVE_INFINITY)) {
      // Known before writing a byte: the server would not finish in time.
      result = failed(requestId, 'Request timed out');
    } else if (takeOne(this.faults, 'failWritesNext')) {
      result = failed(requestId, 'Data request failed');
    } else {
      // Only a file to write waits for its turn: the refusals above come at once, as they did.
      const release = await this.turn();
      const started = performance.now();
      try {
        const out = await this.producer.produce(
          {
            signals: job.signals,
            names: job.names,
            window: job.window,
            format: job.format,
            path: file.path,
            limitMs,
            ...(this.limits.chunkRows ? { chunkRows: this.limits.chunkRows } : {}),
            ...(this.limits.parquetStyle ? { parquetStyle: this.limits.parquetStyle } : {}),
          },
          this.shutdown.signal,
        );
        this.files.markReady(file, out.bytes, out.md5);
        this.limits.onProduced?.({ requestId, format: job.format, rows: out.rows, bytes: out.bytes, ms: performance.now() - started });
        result = { requestId, status: 'Finished', outputFile: origin + file.signedPath };
      } catch (err) {
        // Answered as Nortech would answer it (the client's side of a failed write is what is tested); --log says the outcome.
        result = failed(requestId, err instanceof ProductionTimeout ? 'Request timed out' : 'Data request failed');
      } finally {
        release();
      }
    }
    if (result.status === 'Failed') await this.files.remove(file);
    this.statuses.set(requestId, result);
    record.outcome = result.status === 'Failed' ? result.error : 'Finished';
    this.limits.onOutcome?.(copyRecord(record));
    return result;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    // Only the bookkeeping: the failure is the caller's, who has `p` itself.
    void p.finally(() => this.running.delete(p)).catch(() => undefined);
    return p;
  }
}

interface Accepted {
  requestId: number;
  file: StoredFile;
  record: DataRequestRecord;
}

function failed(requestId: number, error: FailureReason): RequestStatus {
  return { requestId, status: 'Failed', error };
}
