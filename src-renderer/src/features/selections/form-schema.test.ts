import { describe, expect, it } from 'vitest';
import { columnNameIssues, defaultColumnName, SelectionValues } from './form-schema';
import { testSignal } from '../../../../src-preload/contract/testing/signals';

const signal = (id: number, name: string, unit = 'U1') => testSignal({ id, name, physicalUnit: '°C', unit: { id: 4, name: unit } });

describe('column names', () => {
  it('flags every signal that shares a name, and names the contract refuses', () => {
    expect(columnNameIssues(['Temp', 'temp ', 'Flow', '', 'timestamp', 'x'.repeat(128)])).toEqual([
      'Another signal has this column name',
      'Another signal has this column name',
      null,
      'A column needs a name',
      '"timestamp" is the time column',
      'At most 127 characters',
    ]);
  });

  it('gives a new signal a free name', () => {
    expect(defaultColumnName(signal(1, 'Temp'), [])).toBe('Temp');
    expect(defaultColumnName(signal(2, 'Temp', 'Kiln 2'), ['Temp'])).toBe('Temp (Kiln 2)');
  });
});

describe('SelectionValues', () => {
  const valid = {
    signals: [{ ...signal(1, 'T'), rename: 'T' }],
    window: { start: 'now-1h', end: 'now', timeZone: 'UTC' },
    values: { kind: 'raw' as const, interval: '1h', fns: ['mean' as const] },
    format: 'csv' as const,
  };
  it('accepts a complete selection', () => {
    expect(SelectionValues.safeParse(valid).success).toBe(true);
  });
  it('puts each problem on its field', () => {
    const bad = SelectionValues.safeParse({
      ...valid,
      signals: [...valid.signals, { ...signal(2, 'U'), rename: 't' }],
      window: { start: 'now', end: 'now-1h', timeZone: 'UTC' },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('signals.1.rename');
    expect(paths).toContain('window.end');
  });
  it('asks for at least one signal', () => {
    const bad = SelectionValues.safeParse({ ...valid, signals: [] });
    expect(bad.error!.issues.map((i) => i.message)).toContain('Pick at least one signal');
  });
  it('checks aggregated values on their own inputs', () => {
    const bad = SelectionValues.safeParse({ ...valid, values: { kind: 'every', interval: '5h', fns: [] } });
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['values.fns', 'values.interval']);
  });
});
