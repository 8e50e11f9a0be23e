import type { PageColumn } from './store-format';

type ReadInto = (target: Uint8Array, position: number) => Promise<void>;

/**
 * Rows [a, b) of a page's string column into `out` from `at`: the row ends (one before a, for
 * where a starts), the validity bytes and the text, three reads, then one decode per row.
 */
export async function readStrings(readInto: ReadInto, column: PageColumn, a: number, b: number, out: (string | null)[], at: number) {
  if (!('ends' in column)) throw new Error('Not a string column.');
  const first = Math.max(0, a - 1);
  const ends = new Float64Array(b - first);
  const valid = new Uint8Array(b - a);
  await Promise.all([readInto(new Uint8Array(ends.buffer), column.ends + first * 8), readInto(valid, column.valid + a)]);
  const start = a === 0 ? 0 : ends[0]!;
  const text = Buffer.allocUnsafe(ends[ends.length - 1]! - start);
  await readInto(text, column.bytes + start);
  let prev = 0;
  for (let i = 0; i < b - a; i++) {
    const end = ends[i + (a - first)]! - start;
    out[at + i] = valid[i] ? text.toString('utf8', prev, end) : null;
    prev = end;
  }
}
