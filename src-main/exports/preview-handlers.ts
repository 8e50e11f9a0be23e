import type { Handlers } from '../bridge/handlers';
import type { ExportDeps } from './export-stack';
import { conditionPeriods } from './session/conditions';

/** The preview of a job, running or ready, from its preview data (summaries and stores). */
export function previewHandlers(
  deps: ExportDeps,
): Pick<Handlers, 'preview.series' | 'preview.stats' | 'preview.rows' | 'preview.conditions'> {
  const { service } = deps.stack;
  return {
    // Lent points: both transports copy the answer in the turn it is given (IPC clones it, the
    // browser host encodes it), and a zoom then allocates no new buffer (buffer-pool.ts).
    'preview.series': ({ jobId, range, points }) => service.job(jobId).preview().series(range, points, { lend: true }),
    'preview.stats': ({ jobId }) => service.job(jobId).preview().stats(),
    'preview.conditions': ({ jobId }) => {
      const job = service.job(jobId);
      return conditionPeriods(job.dir, job.manifest());
    },
    'preview.rows': ({ jobId, offset, at, limit }) =>
      service
        .job(jobId)
        .preview()
        .rows({ ...(offset !== undefined ? { offset } : {}), ...(at !== undefined ? { at } : {}), limit }),
  };
}
