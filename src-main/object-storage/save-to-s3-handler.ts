import { mkdir } from 'node:fs/promises';
import type { Handlers } from '../bridge/handlers';
import { AppError } from '../errors/app-error';
import type { ExportDeps } from '../exports/export-stack';
import { saveToS3 } from './save-to-s3';

/** `exports.saveToS3`: the window's "Save to S3" destination of Save…. */
export function saveToS3Handlers(deps: ExportDeps): Pick<Handlers, 'exports.saveToS3'> {
  const { service, pool, convertedDir } = deps.stack;
  return {
    'exports.saveToS3': async ({ jobId, url, endpoint, region, values }) => {
      const job = service.job(jobId);
      if (job.status().stage !== 'ready')
        throw new AppError('not-found', 'This export has no data to save yet.', { hint: 'Wait until it is ready.' });
      await mkdir(convertedDir, { recursive: true });
      return saveToS3(
        { save: { pool, version: deps.ports.version }, stagingDir: convertedDir, ...(deps.ports.log ? { log: deps.ports.log } : {}) },
        job,
        { location: url, ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}), ...(values ? { values } : {}) },
      );
    },
  };
}
