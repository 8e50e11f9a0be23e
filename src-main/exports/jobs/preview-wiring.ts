import { AppError } from '../../errors/app-error';
import type { Manifest } from '../manifest/manifest';
import type { IngestTask } from '../worker/ingest-chunk';
import type { PreviewFactory } from './job-preview';

/* INTERIM: the preview engine on summaries is wired here when it lands. */

export const previewFactory: PreviewFactory = () => {
  const unavailable = async (): Promise<never> => {
    throw new AppError('unavailable', 'The preview is not available yet.');
  };
  return { addChunk: async () => undefined, series: unavailable, stats: unavailable, rows: unavailable, close: async () => undefined };
};

export function previewTask(_dir: string, _m: Manifest, _chunk: { name: string }): Pick<IngestTask, 'preview'> {
  return {};
}
