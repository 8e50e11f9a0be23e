import type { ColumnInfo, ExportRequest, JobResult } from '../../../src-preload/contract';
import type { Manifest } from '../manifest/manifest';

/** Each column of the export's data tied back to its signal (`<column>_<fn>` when aggregated). */
export function columnInfos(request: ExportRequest): ColumnInfo[] {
  const { values } = request;
  if (values.kind === 'raw') return request.signals.map((s) => ({ name: s.rename, signal: s }));
  return request.signals.flatMap((s) => values.fns.map((fn) => ({ name: `${s.rename}_${fn}`, signal: s, fn })));
}

/** What a finished (or partly finished) export holds, from its manifest. */
export function jobResult(m: Manifest): JobResult {
  const done = m.chunks.filter((c) => c.state === 'done');
  const firsts = done.map((c) => c.first).filter((t): t is number => t != null);
  const lasts = done.map((c) => c.last).filter((t): t is number => t != null);
  return {
    rowCount: done.reduce((n, c) => n + (c.rows ?? 0), 0),
    fileBytes: m.chunks.reduce((n, c) => n + (c.download?.bytes ?? 0), 0),
    format: m.request.format,
    timeRange: firsts.length ? { start: Math.min(...firsts), end: Math.max(...lasts) } : null,
    columns: columnInfos(m.request),
    requestIds: m.chunks.flatMap((c) => c.requestIds),
  };
}
