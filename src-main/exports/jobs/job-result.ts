import type { JobResult } from '../../../src-preload/contract';
import { timeRangeOf, type Manifest } from '../manifest/manifest';
import { columnInfos } from '../output/columns';

/** What a finished (or partly finished) export holds, from its manifest. */
export function jobResult(m: Manifest): JobResult {
  const done = m.chunks.filter((c) => c.state === 'done');
  return {
    rowCount: done.reduce((n, c) => n + (c.rows ?? 0), 0),
    fileBytes: m.chunks.reduce((n, c) => n + (c.download?.bytes ?? 0), 0),
    format: m.request.format,
    timeRange: timeRangeOf(done),
    columns: columnInfos(m.request),
    requestIds: m.chunks.flatMap((c) => c.requestIds),
  };
}
