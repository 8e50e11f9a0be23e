import type { ExportRequest, Values } from '../../../src-preload/contract';
import type { Disk } from '../../errors/disk-full';
import type { ChunkRecord } from '../manifest/manifest';
import { columnSpecs, rawColumns } from '../output/columns';
import type { IngestTask, SinkSpec, TransformSpec } from '../worker/worker-protocol';

/*
 * What the worker is asked to do with one downloaded chunk (the engine adds the file itself): the
 * requested columns, the chunk's slice, the transforms between decode and sinks, and one sink per
 * output that needs one. The transform slot is filled here: derived columns and conditions (#26)
 * go before the aggregation, which must see them.
 */

/** The transforms of an export's values: none for raw rows, an aggregation for `every`. */
export function transformsOf(request: Pick<ExportRequest, 'signals'>, values: Values): TransformSpec[] {
  return values.kind === 'every' ? [{ kind: 'aggregate', values, columns: rawColumns(request) }] : [];
}

export function readTask(request: ExportRequest, chunk: ChunkRecord, sinks: SinkSpec[], disk: Disk): Omit<IngestTask, 'path' | 'format'> {
  return {
    op: 'ingest',
    specs: columnSpecs(request),
    slice: { start: chunk.start, end: chunk.end },
    transforms: transformsOf(request, request.values),
    sinks,
    disk,
  };
}
