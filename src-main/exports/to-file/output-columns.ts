import type { DataType, ExportRequest } from '../../../src-preload/contract';
import { aggregateColumns } from '../../transform/aggregate-columns';
import type { OutputColumn } from '../worker/ingest-chunk';

export const kindOf = (t: DataType): OutputColumn['kind'] => (t === 'float' ? 'float' : t === 'boolean' ? 'boolean' : 'string');

/**
 * The columns an export's files hold after `timestamp`: each signal under its column name, or,
 * aggregated, `<column>_<fn>` in request order then the functions' order (counts and numeric
 * functions are numbers; first and last keep the signal's type).
 */
export function outputColumns(request: Pick<ExportRequest, 'signals' | 'values'>): OutputColumn[] {
  const raw = rawColumns(request);
  if (request.values.kind === 'raw') return raw.map(({ name, kind }) => ({ name, kind }));
  return aggregateColumns(request.values, raw).map(({ name, kind }) => ({ name, kind }));
}

/** The columns as Nortech delivers them: each signal under its column name, with its type. */
export const rawColumns = (request: Pick<ExportRequest, 'signals'>) =>
  request.signals.map((s) => ({ name: s.rename, kind: kindOf(s.dataType), dataType: s.dataType }));
