import { z } from 'zod';
import { call, Done, NoInput } from './define';
import { ExportRequest, JobStatus } from './exports';
import { AppErrorData } from './errors';

export const HistoryEntry = z.object({
  id: z.string(),
  request: ExportRequest,
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  outcome: z.enum(['running', 'ready', 'failed', 'cancelled']),
  requestId: z.number().int().optional(),
  error: AppErrorData.optional(),
  rowCount: z.number().int().optional(),
  fileBytes: z.number().int().optional(),
  savedPaths: z.array(z.string()),
  /** Whether the downloaded file is still in the cache, so its preview can open without asking again. */
  cached: z.boolean(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const historyCalls = {
  'history.list': call('Past exports, newest first.', NoInput, z.array(HistoryEntry)),
  'history.open': call(
    'Open the preview of a past export whose file is still cached: answers a ready job.',
    z.object({ id: z.string() }),
    JobStatus,
  ),
  'history.remove': call('Forget a past export and drop its cached file.', z.object({ id: z.string() }), Done),
};
