import { readChunkSummary } from '../../store/chunk-sink';
import { createPreviewIndex } from '../../preview/preview-index';
import type { ChunkRecord } from '../manifest/manifest';
import { previewChunkDir, previewColumns } from '../session/outputs/preview-output';
import type { JobPreview, PreviewFactory } from './job-preview';

/*
 * The window's preview of a job, on the preview engine (src-main/preview, src-main/store): each
 * chunk was read in a worker into its store and summary (chunks/NNNN/: the session's preview
 * output), and the job's preview index answers from the summaries of the chunks in so far, reading
 * stores only where a zoom or a page needs rows. History reopens a job from the summaries on disk:
 * nothing is decoded again.
 */

export const previewFactory: PreviewFactory = ({ dir, manifest }): JobPreview => {
  const index = createPreviewIndex({
    window: { start: Date.parse(manifest.request.timeWindow.start), end: Date.parse(manifest.request.timeWindow.end) },
    columns: previewColumns(manifest),
    chunks: manifest.chunks.length,
  });
  const added = new Set<string>();
  let planned = manifest.chunks.length;
  const chunks = () => ({ done: added.size, total: Math.max(planned, added.size) });
  return {
    async addChunk(chunk: ChunkRecord, total?: number) {
      if (total !== undefined) planned = total;
      if (added.has(chunk.name) || !chunk.rows) {
        added.add(chunk.name);
        return;
      }
      const storeDir = previewChunkDir(dir, chunk.name);
      index.addChunk({
        name: chunk.name,
        window: { start: chunk.start, end: chunk.end },
        storeDir,
        summary: await readChunkSummary(storeDir),
      });
      added.add(chunk.name);
    },
    series: async (range, points, options) => ({ ...(await index.series(range, points, options)), chunks: chunks() }),
    stats: async () => ({
      stats: (await index.stats()).map(({ usualSpacingMs: _u, ...s }) => s),
      chunks: chunks(),
    }),
    rows: (page) =>
      index.rows(page.at !== undefined ? { at: page.at, limit: page.limit } : { offset: page.offset ?? 0, limit: page.limit }),
    close: () => index.close(),
  };
};
