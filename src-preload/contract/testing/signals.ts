import type { SelectedSignal, Signal } from '../index';

/** A float signal of Nortech's hierarchy W > A > D > U, for tests of either process; `over` changes any field. */
export const testSignal = (over: Partial<Signal> = {}): Signal => ({
  id: 10001,
  name: 'Flow',
  physicalUnit: 'm³/h',
  dataType: 'float',
  description: '',
  longDescription: '',
  workspace: { id: 1, name: 'W' },
  asset: { id: 2, name: 'A' },
  division: { id: 3, name: 'D' },
  unit: { id: 4, name: 'U' },
  ...over,
});

/** The same signal picked for an export, its column named `rename` (default: its name). */
export const testSelectedSignal = (over: Partial<SelectedSignal> = {}): SelectedSignal => ({
  ...testSignal(over),
  rename: over.rename ?? over.name ?? 'Flow',
});
