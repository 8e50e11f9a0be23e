import { describe, expect, it } from 'vitest';
import { BOOL_NULL } from '../../formats/row-batch';
import { toArqueroTable } from './to-arquero';

describe('toArqueroTable', () => {
  it('wraps the columns, floats without copying', () => {
    const timestamps = Float64Array.from([1000, 2000]);
    const values = Float64Array.from([1.5, NaN]);
    const t = toArqueroTable({
      rowCount: 2,
      timestamps,
      columns: [
        { name: 'x', data: { kind: 'float', values } },
        { name: 'on', data: { kind: 'boolean', values: Uint8Array.from([1, BOOL_NULL]) } },
      ],
    });
    expect(t.numRows()).toBe(2);
    expect(t.column('x')).toBe(values);
    expect(t.objects()).toEqual([
      { timestamp: 1000, x: 1.5, on: true },
      { timestamp: 2000, x: NaN, on: null },
    ]);
  });
});
