import type { ColumnSpec } from './row-batch';
import { DecodeError } from './decode-error';

/*
 * Ties a file's columns to the requested ones by name, never by position (issue 15: a csv whose
 * only column was named 99999 was taken as signal 10178). A spec may be named by its rename or its
 * ID; the file must hold exactly one column per spec, plus `timestamp`, and nothing else.
 */

export interface ColumnPlan {
  /** The file's timestamp column. */
  timestampColumn: number;
  /** For each file column, the spec it holds (-1 for the timestamp). */
  specOf: Int32Array;
  /** For each spec, the name the file gives it. */
  names: string[];
}

export const isTimestampName = (name: string) => name.trim().toLowerCase() === 'timestamp';

const list = (names: string[]) => names.map((n) => JSON.stringify(n)).join(' or ');

export function planColumns(fileColumns: string[], specs: ColumnSpec[], what: string): ColumnPlan {
  // A name may be one spec's rename and another's ID: the rename (listed first) wins.
  const byName = new Map<string, { spec: number; rank: number }>();
  specs.forEach((spec, s) =>
    spec.names.forEach((name, rank) => {
      const seen = byName.get(name);
      if (!seen || rank < seen.rank) byName.set(name, { spec: s, rank });
    }),
  );
  let timestampColumn = -1;
  const specOf = new Int32Array(fileColumns.length);
  const columnOf = new Int32Array(specs.length).fill(-1);
  fileColumns.forEach((name, i) => {
    if (isTimestampName(name) && !byName.has(name)) {
      if (timestampColumn >= 0) throw new DecodeError(`The ${what} has two timestamp columns.`);
      timestampColumn = i;
      specOf[i] = -1;
      return;
    }
    const match = byName.get(name);
    if (!match) {
      const wanted = specs.map((s) => s.names[0]!).slice(0, 10);
      throw new DecodeError(
        `The ${what} has a column ${JSON.stringify(name)} that is none of the requested signals (${list(wanted)}${specs.length > 10 ? ', …' : ''}).`,
      );
    }
    const other = columnOf[match.spec]!;
    if (other >= 0) {
      throw new DecodeError(
        `The ${what} has two columns, ${JSON.stringify(fileColumns[other])} and ${JSON.stringify(name)}, for the same signal.`,
      );
    }
    columnOf[match.spec] = i;
    specOf[i] = match.spec;
  });
  if (timestampColumn < 0) throw new DecodeError(`The ${what} has no "timestamp" column.`);
  const missing = specs.filter((_, s) => columnOf[s]! < 0);
  if (missing.length) {
    throw new DecodeError(`The ${what} has no column for ${missing.map((s) => list(s.names)).join(', ')}.`);
  }
  return { timestampColumn, specOf, names: specs.map((_, s) => fileColumns[columnOf[s]!]!) };
}
