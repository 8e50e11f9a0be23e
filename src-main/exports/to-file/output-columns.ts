import type { DataType, ExportRequest } from '../../../src-preload/contract';
import type { OutputColumn } from '../worker/ingest-chunk';

export const kindOf = (t: DataType): OutputColumn['kind'] => (t === 'float' ? 'float' : t === 'boolean' ? 'boolean' : 'string');

/**
 * The columns an export's files hold after `timestamp`: each signal under its column name, or,
 * aggregated, `<column>_<fn>` in request order then the functions' order (counts and numeric
 * functions are numbers; first and last keep the signal's type).
 */
export function outputColumns(request: Pick<ExportRequest, 'signals' | 'values'>): OutputColumn[] {
  const { values } = request;
  if (values.kind === 'raw') return request.signals.map((s) => ({ name: s.rename, kind: kindOf(s.dataType) }));
  return request.signals.flatMap((s) =>
    values.fns.map((fn) => ({ name: `${s.rename}_${fn}`, kind: fn === 'first' || fn === 'last' ? kindOf(s.dataType) : 'float' })),
  );
}
