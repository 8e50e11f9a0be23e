import { z } from 'zod';
import { ExportRequest, Slice } from '../../../src-preload/contract';
import { tiles } from './chunk-plan';
import { gridOf } from './whole-buckets';

/*
 * A plan written by `plan` for `export --plan FILE --shard I/N`: the request and its chunks, so
 * that processes on other machines (Kubernetes indexed Jobs, Slurm arrays) each run their share of
 * the same chunks into one dataset folder.
 */

const Iso = z.iso.datetime({ offset: true });

/** The most chunks a plan holds (a manifest's limit too). */
export const MAX_CHUNKS = 100_000;

export const PlanFile = z.object({
  kind: z.literal('signal-explorer-plan'),
  version: z.literal(1),
  createdAt: Iso,
  request: ExportRequest,
  chunks: z
    .array(z.object({ start: Iso, end: Iso }))
    .min(1)
    .max(MAX_CHUNKS),
});
export type PlanFile = z.infer<typeof PlanFile>;

export const planSlices = (p: PlanFile): Slice[] => p.chunks.map((c) => ({ start: Date.parse(c.start), end: Date.parse(c.end) }));

/**
 * What is wrong with a plan's chunks, or null: they must tile the request's window, and an
 * aggregated plan's borders must fall on its intervals in its zone (each chunk is aggregated alone,
 * so a border inside an hour would write that hour twice, two half-hour means).
 */
export function planProblem(p: PlanFile): string | null {
  const slices = planSlices(p);
  const window = { start: Date.parse(p.request.timeWindow.start), end: Date.parse(p.request.timeWindow.end) };
  if (!tiles(window, slices)) return "its chunks do not tile the request's window (a gap, an overlap or a chunk out of order)";
  const grid = gridOf(p.request.values);
  if (!grid || p.request.values.kind !== 'every') return null;
  const { interval, timeZone } = p.request.values;
  const off = slices.findIndex((s) => grid.floor(s.start) !== s.start || grid.floor(s.end) !== s.end);
  if (off < 0) return null;
  const s = p.chunks[off]!;
  return `chunk ${off} (${s.start} – ${s.end}) does not start and end on whole ${interval} intervals in ${timeZone}, as its aggregation needs`;
}
