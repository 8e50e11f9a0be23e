import { z } from 'zod';
import { DataType, type ColumnInfo, type ExportRequest } from '../../../src-preload/contract';
import { dataTypeOfValue, planOfRequest, type PlannedDerived } from '../../../src-preload/contract/derive';
import { kindOf } from '../../formats/batch-builder';
import type { ColumnSpec } from '../../formats/row-batch';
import { aggregateColumns } from '../../transform/aggregate-columns';

/*
 * The columns of an export, as every stage names them: decoders match the requested signals by
 * `columnSpecs`, an aggregation reads `rawColumns`, and the files hold `outputColumns` after
 * `timestamp`. Schemas, since they cross to the export workers (worker-protocol.ts).
 */

export const ColumnKind = z.enum(['float', 'boolean', 'string']);

/** A column of an output file: its name and how its values are held. */
export const OutputColumn = z.object({ name: z.string(), kind: ColumnKind });
export type OutputColumn = z.infer<typeof OutputColumn>;

/** A column with its signal's data type: what an aggregation reads and a preview store keeps. */
export const TypedColumn = OutputColumn.extend({ dataType: DataType });
export type TypedColumn = z.infer<typeof TypedColumn>;

/** The requested columns as decoders match them: the rename, or the signal ID (the API's default). */
export const columnSpecs = (request: Pick<ExportRequest, 'signals'>): ColumnSpec[] =>
  request.signals.map((s) => ({ names: [...new Set([s.rename, String(s.id)])], dataType: s.dataType }));

type Columned = Pick<ExportRequest, 'signals' | 'derivations'>;

/** The request's derived signals as checked (the request's own check let them through). */
export function derivedOf(request: Columned): PlannedDerived[] {
  if (!request.derivations?.derived.length) return [];
  const planned = planOfRequest(request);
  if (!planned.ok) throw new Error(`Derivations that do not check: ${planned.issues.map((i) => i.message).join('; ')}`);
  return planned.plan.derived;
}

/**
 * The columns of a row before any aggregation: each signal under its column name, with its type,
 * as Nortech delivers them, then each derived signal (computed in the worker before the aggregation).
 */
export const rawColumns = (request: Columned): TypedColumn[] => [
  ...request.signals.map((s) => ({ name: s.rename, kind: kindOf(s.dataType), dataType: s.dataType })),
  ...derivedOf(request).map((d) => ({ name: d.name, kind: kindOf(dataTypeOfValue(d.type)), dataType: dataTypeOfValue(d.type) })),
];

/**
 * The columns an export's files hold after `timestamp`: each signal under its column name, or,
 * aggregated, `<column>_<fn>` in request order then the functions' order (counts and numeric
 * functions are numbers; first and last keep the signal's type).
 */
export function outputColumns(request: Pick<ExportRequest, 'signals' | 'values' | 'derivations'>): OutputColumn[] {
  const raw = rawColumns(request);
  if (request.values.kind === 'raw') return raw.map(({ name, kind }) => ({ name, kind }));
  return aggregateColumns(request.values, raw).map(({ name, kind }) => ({ name, kind }));
}

/** Each column of the export's data tied back to its signal (`<column>_<fn>` when aggregated). */
export function columnInfos(request: Pick<ExportRequest, 'signals' | 'values'>): ColumnInfo[] {
  const { values } = request;
  if (values.kind === 'raw') return request.signals.map((s) => ({ name: s.rename, signal: s }));
  return request.signals.flatMap((s) => values.fns.map((fn) => ({ name: `${s.rename}_${fn}`, signal: s, fn })));
}
