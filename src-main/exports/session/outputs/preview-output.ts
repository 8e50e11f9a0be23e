import { join } from 'node:path';
import { baseBlockRows } from '../../../store/summary-size';
import type { PreviewColumn } from '../../../preview/preview-types';
import type { Manifest } from '../../manifest/manifest';
import { dataTypeOfValue } from '../../../../src-preload/contract/derive';
import { columnInfos, derivedOf, outputColumns } from '../../output/columns';
import type { PreviewFeed } from '../export-session';
import { quietOutput, type OutputContext, type SessionOutput } from './session-output';

/*
 * The window's preview data of a job: each chunk read in the worker into its store and summary
 * (`chunks/NNNN/` in the job's folder), then added to the job's preview (its index answers from
 * the summaries of the chunks in so far: jobs/preview-wiring.ts) in order of arrival.
 */

export const previewChunkDir = (dir: string, name: string) => join(dir, 'chunks', name);

/** The export's columns as stored (after aggregation), each with the unit its chart shows. */
export function previewColumns(m: Manifest): PreviewColumn[] {
  const fns = m.request.values.kind === 'every' ? m.request.values.fns : [undefined];
  // The derived signals' columns come after the signals', as a signal's would (outputColumns' order).
  const derived = derivedOf(m.request).flatMap((d) =>
    fns.map((fn) => ({ signal: { dataType: dataTypeOfValue(d.type), physicalUnit: d.physicalUnit }, fn })),
  );
  const infos = [...columnInfos(m.request), ...derived];
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

export function previewOutput(ctx: OutputContext, feed: PreviewFeed): SessionOutput {
  return {
    ...quietOutput,
    key: null,
    sink(chunk) {
      const m = ctx.manifest();
      const columns = previewColumns(m).map(({ name, kind, dataType }) => ({ name, kind, dataType }));
      return { kind: 'preview', dir: previewChunkDir(ctx.dir, chunk.name), blockRows: baseBlockRows(expectedRows(m), columns), columns };
    },
    take: (chunk) => feed.addChunk(chunk, ctx.manifest().chunks.length),
    finish: async () => ({ kind: 'preview' }),
  };
}
