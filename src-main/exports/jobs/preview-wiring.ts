import { join } from 'node:path';
import { readChunkSummary } from '../../store/chunk-sink';
import { baseBlockRows } from '../../store/summary-size';
import { createPreviewIndex } from '../../preview/preview-index';
import type { PreviewColumn } from '../../preview/preview-types';
import type { ChunkRecord, Manifest } from '../manifest/manifest';
import { outputColumns } from '../to-file/output-columns';
import type { IngestTask } from '../worker/ingest-chunk';
import type { JobPreview, PreviewFactory } from './job-preview';
import { columnInfos } from './job-result';

/*
 * The window's preview of a job, on the preview engine (src-main/preview, src-main/store): each
 * chunk is read in a worker into its store and summary (chunks/NNNN/), and the job's preview index
 * answers from the summaries of the chunks in so far, reading stores only where a zoom or a page
 * needs rows. History reopens a job from the summaries on disk: nothing is decoded again.
 */

const chunkDir = (dir: string, name: string) => join(dir, 'chunks', name);

/** The export's columns as stored (after aggregation), each with the unit its chart shows. */
function previewColumns(m: Manifest): PreviewColumn[] {
  const infos = columnInfos(m.request);
  return outputColumns(m.request).map((c, i) => {
    const { signal, fn } = infos[i]!;
    // An aggregation's numbers are floats; first and last keep the signal's type.
    const dataType = fn && fn !== 'first' && fn !== 'last' ? 'float' : signal.dataType;
    return { name: c.name, kind: c.kind, dataType, physicalUnit: fn === 'count' ? '' : signal.physicalUnit };
  });
}

/** Rows the whole export will hold, as far as the plan can tell: sizes the summaries' blocks. */
function expectedRows(m: Manifest): number {
  const w = { start: Date.parse(m.request.timeWindow.start), end: Date.parse(m.request.timeWindow.end) };
  // Before anything was measured: one row a second, the demo's and the usual plant's densest.
  const perMs = m.measured.rows > 0 ? m.measured.rows / Math.max(1, m.measured.ms) : 1 / 1000;
  const raw = perMs * (w.end - w.start);
  const values = m.request.values;
  if (values.kind === 'raw') return raw;
  const interval = values.interval;
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[interval.slice(-1) as 's' | 'm' | 'h' | 'd'];
  return Math.min(raw, (w.end - w.start) / (Number(interval.slice(0, -1)) * unit));
}

export function previewTask(dir: string, m: Manifest, chunk: { name: string }): Pick<IngestTask, 'preview'> {
  const columns = previewColumns(m).map(({ name, kind, dataType }) => ({ name, kind, dataType }));
  return { preview: { dir: chunkDir(dir, chunk.name), blockRows: baseBlockRows(expectedRows(m), columns), columns } };
}

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
      const storeDir = chunkDir(dir, chunk.name);
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
