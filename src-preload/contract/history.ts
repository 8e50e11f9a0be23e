import { z } from 'zod';
import { call, Done, NoInput } from './define';
import { ExportRequest, JobStatus } from './exports';
import { AppErrorData } from './errors';
import { boundedList, LIMITS, oneLine, OwnId } from './bounds';

export const HistoryEntry = z.object({
  id: OwnId,
  request: ExportRequest,
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** interrupted: the app closed or crashed while it ran. */
  outcome: z.enum(['running', 'ready', 'failed', 'cancelled', 'interrupted']),
  requestIds: z.array(z.number().int()).max(100_000),
  /** Chunks done and planned, where a plan was made. */
  chunks: z.object({ done: z.number().int(), total: z.number().int() }).optional(),
  error: AppErrorData.optional(),
  rowCount: z.number().int().optional(),
  fileBytes: z.number().int().optional(),
  savedPaths: boundedList(oneLine(LIMITS.path), 100),
  /** Whether its data is still in the cache, so its preview opens without asking again. */
  cached: z.boolean(),
  /** Whether Resume can go on from its finished chunks (exports.resume). */
  resumable: z.boolean(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const historyCalls = {
  'history.list': call('Past exports, newest first.', NoInput, z.array(HistoryEntry)),
  'history.open': call(
    'Open the preview of a past export whose data is still cached, from its summaries (nothing is decoded again).',
    z.object({ id: OwnId }),
    JobStatus,
  ),
  'history.remove': call('Forget a past export and drop its cached data.', z.object({ id: OwnId }), Done),
};
