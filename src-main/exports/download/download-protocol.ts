import { z } from 'zod';
import type { Disk } from '../../errors/disk-full';
import { WorkerFailure } from '../worker/worker-protocol';
import type { DownloadOptions } from './download-file';

/*
 * What crosses between the main process and the download thread (download-thread.ts): a download
 * as data (its URL, its file, its limits), its progress and retries, and how it ended. Both sides
 * parse every message with these schemas.
 */

const Id = z.number().int().nonnegative();
const Bytes = z.number().int().nonnegative();
const Ms = z.number().positive();

/** A download's options without its callbacks and signal (they stay on the main side). */
export const DownloadJob = z.object({
  url: z.string().min(1),
  dest: z.string().min(1),
  parquet: z.boolean().optional(),
  connectTimeoutMs: Ms.optional(),
  idleTimeoutMs: Ms.optional(),
  maxTries: z.number().int().positive().optional(),
  retryDelayMs: z.number().nonnegative().optional(),
  maxBytes: Bytes.optional(),
  deadlineMs: Ms.optional(),
  disk: z.enum(['cache', 'target']).optional() satisfies z.ZodType<Disk | undefined>,
}) satisfies z.ZodType<Omit<DownloadOptions, 'signal' | 'onProgress' | 'onRetry'>>;
export type DownloadJob = z.infer<typeof DownloadJob>;

export const ToDownloader = z.discriminatedUnion('type', [
  z.object({ type: z.literal('download'), id: Id, job: DownloadJob }),
  z.object({ type: z.literal('cancel'), id: Id }),
]);
export type ToDownloader = z.infer<typeof ToDownloader>;

export const FromDownloader = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), id: Id, done: Bytes, total: Bytes.optional() }),
  z.object({ type: z.literal('retry'), id: Id, attempt: z.number().int().positive(), reason: z.string() }),
  z.object({ type: z.literal('done'), id: Id, bytes: Bytes, total: Bytes.optional() }),
  z.object({ type: z.literal('failed'), id: Id, failure: WorkerFailure }),
]);
export type FromDownloader = z.infer<typeof FromDownloader>;
