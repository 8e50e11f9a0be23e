import { AppError } from '../errors/app-error';
import type { Handlers } from '../bridge/handlers';
import type { ExportDeps } from './export-stack';
import { prepareJobFile, saveJobTo } from './save/save-job';
import { suggestedFileName } from './save/suggested-name';

type ExportCalls = 'exports.start' | 'exports.status' | 'exports.cancel' | 'exports.save' | 'exports.showInFolder';

export function exportHandlers(deps: ExportDeps): Pick<Handlers, ExportCalls> {
  const { service, history } = deps.stack;
  const { ports } = deps;
  return {
    'exports.start': (request) => ({ jobId: service.start(request) }),
    'exports.status': ({ jobId }) => service.status(jobId),
    'exports.cancel': ({ jobId }) => service.cancel(jobId),

    'exports.save': async (options) => {
      const job = service.job(options.jobId);
      if (job.status.stage !== 'ready') {
        throw new AppError('not-found', 'This export has no data to save yet.', { hint: 'Wait until it is ready.' });
      }
      if (ports.saveTarget.kind === 'download') {
        const { filePath, fileName } = await prepareJobFile(service, options.jobId, options);
        return { outcome: 'download', url: ports.saveTarget.offer(filePath, fileName), fileName };
      }
      const path = await ports.saveTarget.choosePath(suggestedFileName(job.status.request, options.format), options.format);
      if (path === null) return { outcome: 'cancelled' };
      // The system dialog has asked the user before replacing a file.
      const saved = await saveJobTo(service, options.jobId, path, options, { overwrite: true });
      return { outcome: 'saved', path: saved.path, bytes: saved.bytes, sha256: saved.sha256 };
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
