import { BOOL_NULL, type ColumnData } from '../formats/row-batch';

/*
 * What a node of an expression gives for a batch: one value per row, in the batch's own encoding
 * (NaN for a missing number, BOOL_NULL for a missing true/false, null for a missing string), so a
 * signal's column is read as it is, without a copy, and a derived column is handed on as it is made.
 */

export type Vec =
  { kind: 'number'; values: Float64Array } | { kind: 'boolean'; values: Uint8Array } | { kind: 'string'; values: (string | null)[] };

export { BOOL_NULL };

export function vecOf(data: ColumnData): Vec {
  switch (data.kind) {
    case 'float':
      return { kind: 'number', values: data.values };
    case 'boolean':
      return { kind: 'boolean', values: data.values };
    case 'string':
      return { kind: 'string', values: data.values };
  }
}

export function columnOf(vec: Vec): ColumnData {
  switch (vec.kind) {
    case 'number':
      return { kind: 'float', values: vec.values };
    case 'boolean':
      return { kind: 'boolean', values: vec.values };
    case 'string':
      return { kind: 'string', values: vec.values };
  }
}

/** Numbers, with true/false as 1/0 (missing stays missing). */
export function numbers(vec: Vec, n: number): Float64Array {
  if (vec.kind === 'number') return vec.values;
  const out = new Float64Array(n);
  if (vec.kind === 'boolean') {
    const v = vec.values;
    for (let i = 0; i < n; i++) out[i] = v[i] === BOOL_NULL ? NaN : v[i]!;
  } else out.fill(NaN);
  return out;
}

export function booleans(vec: Vec): Uint8Array {
  if (vec.kind !== 'boolean') throw new Error(`Expected true/false, got ${vec.kind} (the checker lets no such tree through)`);
  return vec.values;
}

/** A constant as a column of `n` rows. */
export function constant(value: number | boolean | string, n: number): Vec {
  if (typeof value === 'number') return { kind: 'number', values: new Float64Array(n).fill(value) };
  if (typeof value === 'boolean') return { kind: 'boolean', values: new Uint8Array(n).fill(value ? 1 : 0) };
  return { kind: 'string', values: new Array<string | null>(n).fill(value) };
}
