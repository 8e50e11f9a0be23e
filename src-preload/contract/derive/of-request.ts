import type { DataType } from '../catalog';
import type { DeriveColumn, ValueType } from './check';
import { planDerivations, type Derivations, type PlanResult } from './derivations';

/*
 * An export request's derivations against its own signals: the one place that says which kind of
 * value each signal's column is to the derive language (json is its text), so that the request's
 * check, the worker's evaluation and the window's editor read the columns alike.
 */

/** A signal's column kind in the derive language. */
export const valueTypeOfData = (dataType: DataType): ValueType =>
  dataType === 'float' ? 'number' : dataType === 'boolean' ? 'boolean' : 'string';

/** A derived column's data type, as a signal's would be (a number is a float). */
export const dataTypeOfValue = (type: ValueType): DataType => (type === 'number' ? 'float' : type);

/** The picked signals as the columns an expression may read. */
export function signalColumns(signals: readonly { rename: string; dataType: DataType; physicalUnit: string }[]): DeriveColumn[] {
  return signals.map((s) => ({ name: s.rename, type: valueTypeOfData(s.dataType), unit: s.physicalUnit }));
}

/** Whether a request has anything to derive. */
export const hasDerivations = (d: Derivations | undefined): d is Derivations => !!d && (d.derived.length > 0 || d.conditions.length > 0);

/** The request's derivations checked against its signals (nothing to derive: an empty plan). */
export function planOfRequest(request: {
  signals: readonly { rename: string; dataType: DataType; physicalUnit: string }[];
  derivations?: Derivations | undefined;
}): PlanResult {
  const input = request.derivations ?? { derived: [], conditions: [] };
  return planDerivations(signalColumns(request.signals), input);
}
