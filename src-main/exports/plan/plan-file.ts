import { z } from 'zod';
import { ExportRequest, Slice } from '../../../src-preload/contract';

/*
 * A plan written by `plan` for `export --plan FILE --shard I/N`: the request and its chunks, so
 * that processes on other machines (Kubernetes indexed Jobs, Slurm arrays) each run their share of
 * the same chunks into one dataset folder.
 */

const Iso = z.iso.datetime({ offset: true });

export const PlanFile = z.object({
  kind: z.literal('signal-explorer-plan'),
  version: z.literal(1),
  createdAt: Iso,
  request: ExportRequest,
  chunks: z
    .array(z.object({ start: Iso, end: Iso }))
    .min(1)
    .max(100_000),
});
export type PlanFile = z.infer<typeof PlanFile>;

export const planSlices = (p: PlanFile): Slice[] => p.chunks.map((c) => ({ start: Date.parse(c.start), end: Date.parse(c.end) }));
