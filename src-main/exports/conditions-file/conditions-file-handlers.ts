import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../../bridge/handlers';
import type { ExportDeps } from '../export-stack';
import { suggestedFileName } from '../save/suggested-name';
import { conditionsFileName, saveJobConditions } from './conditions-file';

/** `exports.saveConditions`: the window's "Save conditions…", through the same dialog (or browser download) as Save…. */
export function conditionsFileHandlers(deps: ExportDeps): Pick<Handlers, 'exports.saveConditions'> {
  const { service, history, convertedDir } = deps.stack;
  const { ports } = deps;
  return {
    'exports.saveConditions': async ({ jobId, format, timeZone }) => {
      const job = service.job(jobId);
      const name = conditionsFileName(suggestedFileName(job.status().request, format), format);
      const text = { timeZone, localTimeColumn: false, excelLocale: null };
      if (ports.saveTarget.kind === 'download') {
        await mkdir(convertedDir, { recursive: true });
        const path = join(convertedDir, `${job.id}-${Date.now().toString(36)}-${name}`);
        await saveJobConditions(job, { path, format, text, overwrite: true });
        return { outcome: 'download', url: ports.saveTarget.offer(path, name), fileName: name };
      }
      const path = await ports.saveTarget.choosePath(name, format, 'file');
      if (path === null) return { outcome: 'cancelled' };
      // The system dialog has asked the user before replacing a file.
      const saved = await saveJobConditions(job, { path, format, text, overwrite: true });
      await history.addSavedPath(job.id, saved.path).catch(() => undefined);
      return { outcome: 'saved', path: saved.path, bytes: saved.bytes, sha256: saved.sha256 };
    },
  };
}
