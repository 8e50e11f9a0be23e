import type { DataType } from '../../../src-preload/contract';
import { BOOL_NULL, type ColumnData } from '../../formats/row-batch';

/*
 * Growable typed columns for the text decoders, which learn the row count only at the end. A
 * builder takes raw cells (text from csv, any JSON value from json) and keeps them in the form its
 * signal's data type calls for; with no signal to go by, it settles its kind on the first value.
 */

export type Raw = string | number | boolean | null | object;

export interface ColumnBuilder {
  push(raw: Raw | undefined): void;
  finish(rows: number): ColumnData;
}

class FloatBuilder implements ColumnBuilder {
  private values = new Float64Array(1024);
  private n = 0;
  constructor(prefill = 0) {
    for (let i = 0; i < prefill; i++) this.push(null);
  }
  push(raw: Raw | undefined) {
    if (this.n === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.n++] = typeof raw === 'number' ? raw : raw === null || raw === undefined || raw === '' ? NaN : Number(raw);
  }
  finish(rows: number): ColumnData {
    while (this.n < rows) this.push(null);
    return { kind: 'float', values: this.values.slice(0, rows) };
  }
}

const TRUE = new Set(['true', 'True', 'TRUE', '1', 't']);
const FALSE = new Set(['false', 'False', 'FALSE', '0', 'f']);

class BoolBuilder implements ColumnBuilder {
  private values = new Uint8Array(1024);
  private n = 0;
  constructor(prefill = 0) {
    for (let i = 0; i < prefill; i++) this.push(null);
  }
  push(raw: Raw | undefined) {
    if (this.n === this.values.length) {
      const next = new Uint8Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    let v = BOOL_NULL;
    if (raw === true || raw === 1) v = 1;
    else if (raw === false || raw === 0) v = 0;
    else if (typeof raw === 'string') v = TRUE.has(raw) ? 1 : FALSE.has(raw) ? 0 : BOOL_NULL;
    this.values[this.n++] = v;
  }
  finish(rows: number): ColumnData {
    while (this.n < rows) this.push(null);
    return { kind: 'boolean', values: this.values.slice(0, rows) };
  }
}

class StringBuilder implements ColumnBuilder {
  private values: (string | null)[] = [];
  constructor(prefill = 0) {
    for (let i = 0; i < prefill; i++) this.values.push(null);
  }
  push(raw: Raw | undefined) {
    this.values.push(raw === null || raw === undefined ? null : typeof raw === 'object' ? JSON.stringify(raw) : String(raw));
  }
  finish(rows: number): ColumnData {
    while (this.values.length < rows) this.values.push(null);
    return { kind: 'string', values: this.values.slice(0, rows) };
  }
}

/** No signal says what the column holds: the first value that is not null decides. */
class AutoBuilder implements ColumnBuilder {
  private nulls = 0;
  private inner: ColumnBuilder | null = null;
  constructor(
    prefill = 0,
    private readonly textIsNumber = false,
  ) {
    this.nulls = prefill;
  }
  push(raw: Raw | undefined) {
    if (!this.inner) {
      if (raw === null || raw === undefined || raw === '') return void this.nulls++;
      const kind =
        typeof raw === 'number' || (this.textIsNumber && typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw)))
          ? 'float'
          : typeof raw === 'boolean' || (this.textIsNumber && (raw === 'true' || raw === 'false'))
            ? 'boolean'
            : 'string';
      this.inner = builderFor(kind, this.nulls);
    }
    this.inner.push(raw);
  }
  finish(rows: number): ColumnData {
    return (this.inner ?? new FloatBuilder()).finish(rows);
  }
}

/**
 * The builder for a column. `textCells`: the source gives every cell as text (csv), so a column
 * without a known type is inferred from what its text looks like.
 */
export function builderFor(type: DataType | 'float' | 'boolean' | 'string' | undefined, prefill = 0, textCells = false): ColumnBuilder {
  switch (type) {
    case 'float':
      return new FloatBuilder(prefill);
    case 'boolean':
      return new BoolBuilder(prefill);
    case 'string':
    case 'json':
      return new StringBuilder(prefill);
    default:
      return new AutoBuilder(prefill, textCells);
  }
}

/** A growable Float64Array of timestamps. */
export class TimeBuilder {
  private values = new Float64Array(1024);
  n = 0;
  push(ms: number) {
    if (this.n === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.n++] = ms;
  }
  finish(): Float64Array {
    return this.values.slice(0, this.n);
  }
}
