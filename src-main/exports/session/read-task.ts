import { join } from 'node:path';
import type { ExportRequest, Values } from '../../../src-preload/contract';
import { hasDerivations, planOfRequest, signalColumns } from '../../../src-preload/contract/derive';
import { requestWindow } from '../../derive/lead-in';
import type { Disk } from '../../errors/disk-full';
import type { ChunkRecord } from '../manifest/manifest';
import { columnSpecs, rawColumns } from '../output/columns';
import type { IngestTask, SinkSpec, TransformSpec } from '../worker/worker-protocol';

/*
 * What the worker is asked to do with one downloaded chunk (the engine adds the file itself): the
 * requested columns, the chunk's slice, the transforms between decode and sinks, and one sink per
 * output that needs one. The transform slot is filled here: derived columns and conditions go
 * before the aggregation, which must see them; a chunk with derivations is read from its lead-in.
 */

type Derived = Pick<ExportRequest, 'signals' | 'derivations' | 'timeWindow'>;

/** Where a chunk's condition periods and edges are kept in the work folder (session/conditions.ts joins them). */
export const periodsPath = (dir: string, chunk: Pick<ChunkRecord, 'name'>) => join(dir, 'periods', `${chunk.name}.json`);

/**
 * The window asked of Nortech for a chunk: its slice, widened back by the derivations' lead-in
 * (not before the export's start) so that its first rows are derived as one pass would derive them.
 */
export function chunkWindow(request: Derived, slice: { start: number; end: number }): { start: number; end: number } {
  if (!hasDerivations(request.derivations)) return slice;
  const planned = planOfRequest(request);
  return planned.ok ? requestWindow(planned.plan, slice, Date.parse(request.timeWindow.start)) : slice;
}

/**
 * The transforms of an export's values: its derivations (when any), then an aggregation for
 * `every`. `chunk`: one chunk read on its own (rows before `from` are its lead-in; its periods kept
 * at `periods`); without it, every chunk in time order in one pass (Save…).
 */
export function transformsOf(
  request: Pick<ExportRequest, 'signals' | 'derivations' | 'timeWindow'>,
  values: Values,
  chunk?: { from: number; periods: string | null },
): TransformSpec[] {
  const out: TransformSpec[] = [];
  if (hasDerivations(request.derivations)) {
    const exportStart = Date.parse(request.timeWindow.start);
    const from = chunk?.from ?? exportStart;
    out.push({
      kind: 'derive',
      derivations: request.derivations,
      signals: signalColumns(request.signals),
      from,
      first: from <= exportStart,
      periods: chunk?.periods ?? null,
    });
  }
  if (values.kind === 'every') out.push({ kind: 'aggregate', values, columns: rawColumns(request) });
  return out;
}

export function readTask(
  request: ExportRequest,
  chunk: ChunkRecord,
  sinks: SinkSpec[],
  disk: Disk,
  dir?: string,
): Omit<IngestTask, 'path' | 'format'> {
  const conditions = !!request.derivations?.conditions.length && dir !== undefined;
  return {
    op: 'ingest',
    specs: columnSpecs(request),
    slice: { start: chunk.start, end: chunk.end },
    readFrom: chunkWindow(request, chunk).start,
    transforms: transformsOf(request, request.values, { from: chunk.start, periods: conditions ? periodsPath(dir, chunk) : null }),
    sinks,
    disk,
  };
}
