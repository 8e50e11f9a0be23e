import type { AppErrorData } from '../../../src-preload/contract';

/*
 * What crosses between the main process and the export workers. A worker lives as long as the
 * app (parquet-wasm is compiled once per worker) and runs one task at a time; the main process
 * queues the rest.
 */

/** A task: `op` names its handler in the worker (see export-worker.ts). */
export interface WorkerTask {
  op: string;
}

export type ToWorker = { id: number; task: WorkerTask } | { id: number; cancel: true };

/** Why a task failed, as data (an Error does not survive postMessage with its kind). */
export interface WorkerFailure {
  /** An AppError's data: its kind and details reach the window intact. */
  app?: AppErrorData;
  /** A file that is not what it claims to be (DecodeError). */
  decode?: boolean;
  /** An errno code (ENOSPC, EACCES…). */
  code?: string;
  message: string;
}

export type FromWorker =
  { id: number; progress: unknown } | { id: number; ok: true; value: unknown } | { id: number; ok: false; failure: WorkerFailure };
