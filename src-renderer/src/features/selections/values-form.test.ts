import { describe, expect, it } from 'vitest';
import type { SelectedSignal } from '../../../../src-preload/contract';
import { localTimeZone } from '../../../../src-preload/contract/time-expressions';
import { toValues, valuesIssues } from './values-form';
import { testSelectedSignal } from '../../../../src-preload/contract/testing/signals';

const sig = (rename: string, dataType: SelectedSignal['dataType']) =>
  testSelectedSignal({ id: 1, name: rename, rename, physicalUnit: '', dataType });

describe('values of the export form', () => {
  it('raw values have nothing to check, whatever the interval field holds', () => {
    expect(valuesIssues({ kind: 'raw', interval: 'nonsense', fns: [] }, 'UTC', [sig('Flag', 'boolean')])).toEqual([]);
    expect(toValues({ kind: 'raw', interval: '1h', fns: ['mean'] }, 'UTC')).toEqual({ kind: 'raw' });
  });

  it('names an interval that does not divide a day, and the ones nearby', () => {
    const [issue] = valuesIssues({ kind: 'every', interval: '7m', fns: ['mean'] }, 'UTC', []);
    expect(issue).toEqual({ path: 'interval', message: expect.stringContaining('try 6m or 8m') });
    expect(valuesIssues({ kind: 'every', interval: 'hourly', fns: ['mean'] }, 'UTC', [])[0]!.message).toContain('is not an interval');
  });

  it('asks for a function, and refuses a mean of a boolean naming the signal', () => {
    expect(valuesIssues({ kind: 'every', interval: '1h', fns: [] }, 'UTC', [])).toEqual([
      { path: 'fns', message: 'Pick at least one function' },
    ]);
    const refused = valuesIssues({ kind: 'every', interval: '1h', fns: ['mean', 'last'] }, 'UTC', [
      sig('Speed', 'float'),
      sig('Running', 'boolean'),
    ]);
    expect(refused).toEqual([{ path: 'fns', message: expect.stringContaining('"Running" is a boolean signal') }]);
    expect(valuesIssues({ kind: 'every', interval: '1h', fns: ['last', 'count'] }, 'UTC', [sig('Running', 'boolean')])).toEqual([]);
  });

  it('names the zone the buckets follow: the machine\'s own for "local"', () => {
    expect(toValues({ kind: 'every', interval: '15M', fns: ['max'] }, 'local')).toEqual({
      kind: 'every',
      interval: '15m',
      fns: ['max'],
      timeZone: localTimeZone(),
    });
  });
});
