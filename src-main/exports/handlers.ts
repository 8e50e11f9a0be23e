import { mkdir } from 'node:fs/promises';
import { AppError } from '../errors/app-error';
import type { Handlers } from '../bridge/handlers';
import type { ExportDeps } from './export-stack';
import { prepareDownload, saveExport } from './save/save-export';
import { suggestedFileName } from './save/suggested-name';

type ExportCalls = 'exports.start' | 'exports.status' | 'exports.cancel' | 'exports.resume' | 'exports.save' | 'exports.showInFolder';

export function exportHandlers(deps: ExportDeps): Pick<Handlers, ExportCalls> {
  const { service, history, pool, convertedDir, held } = deps.stack;
  const { ports } = deps;
  const saveDeps = { pool, version: ports.version, addSavedPath: (id: string, path: string) => history.addSavedPath(id, path), held };
  return {
    'exports.start': (request) => ({ jobId: service.start(request) }),
    'exports.status': ({ jobId }) => service.status(jobId),
    // Answered once the job has stopped: the chunks it says are kept are the ones on disk.
    'exports.cancel': ({ jobId }) => service.cancel(jobId),
    'exports.resume': async ({ jobId }) => {
      if (service.peek(jobId)) return service.resume(jobId);
      const entry = await history.get(jobId);
      if (!entry?.dir)
        throw new AppError('not-found', "This export's chunks are no longer in the cache.", { hint: 'Run it again: its request is kept.' });
      return service.resume(jobId, { request: entry.request, startedAt: entry.startedAt, dir: entry.dir });
    },

    'exports.save': async (options) => {
      const job = service.job(options.jobId);
      if (job.status().stage !== 'ready') {
        throw new AppError('not-found', 'This export has no data to save yet.', { hint: 'Wait until it is ready.' });
      }
      const request = job.status().request;
      const name = suggestedFileName(request, options.format, options.layout);
      if (ports.saveTarget.kind === 'download') {
        await mkdir(convertedDir, { recursive: true });
        const filePath = await prepareDownload(saveDeps, job, convertedDir, options, name);
        return { outcome: 'download', url: ports.saveTarget.offer(filePath, name), fileName: name };
      }
      const path = await ports.saveTarget.choosePath(name, options.format, options.layout);
      if (path === null) return { outcome: 'cancelled' };
      // The system dialog has asked the user before replacing a file.
      const saved = await saveExport(saveDeps, job, path, options, { overwrite: true });
      return {
        outcome: 'saved',
        path: saved.path,
        bytes: saved.bytes,
        sha256: saved.sha256,
        ...(options.layout === 'dataset' ? { files: saved.files } : {}),
      };
    },

    'exports.showInFolder': async ({ path }) => {
      const show = ports.showInFolder;
      if (!show)
        throw new AppError('unavailable', 'Showing files in a folder is not possible here.', {
          hint: 'Open your downloads folder yourself.',
        });
      if (!(await history.isSavedPath(path))) {
        throw new AppError('not-found', 'Signal Explorer can only show files it saved itself.', {
          hint: 'Find the file in your file manager.',
        });
      }
      show(path);
      return null;
    },
  };
}
