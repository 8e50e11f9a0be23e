import { describe, expect, it } from 'vitest';
import type { SelectedSignal } from '../../../../src-preload/contract';
import { placeExportError } from './place-error';

const sig = (id: number, name: string): SelectedSignal => ({
  id,
  name,
  rename: `${name} col`,
  physicalUnit: 'bar',
  dataType: 'float',
  description: '',
  longDescription: '',
  workspace: { id: 1, name: 'W' },
  asset: { id: 2, name: 'A' },
  division: { id: 3, name: 'D' },
  unit: { id: 4, name: 'U' },
});

describe('placeExportError', () => {
  const selected = [sig(10, 'Pressure'), sig(11, 'Flow'), sig(12, 'Level')];

  it('puts invalid fields beside the form inputs', () => {
    const placed = placeExportError(
      {
        kind: 'validation',
        message: 'bad',
        details: {
          fields: [
            { path: 'timeWindow.start', message: 'too old' },
            { path: 'signals.1.rename', message: 'dup' },
          ],
        },
      },
      selected,
    );
    expect(placed.fields).toEqual([
      { path: 'window.start', message: 'too old' },
      { path: 'signals.1.rename', message: 'dup' },
    ]);
  });

  it('matches missing signals by id, name or object', () => {
    const placed = placeExportError(
      { kind: 'signals-not-found', message: 'x', details: { signals: [11, { workspace: 'W', signal: 'Level' }] } },
      selected,
    );
    expect(placed.missingIds.sort()).toEqual([11, 12]);
  });

  it('offers the action that helps', () => {
    expect(placeExportError({ kind: 'unauthorized', message: '' }, selected).banner?.action).toBe('fix-key');
    expect(placeExportError({ kind: 'server-timeout', message: '' }, selected).banner?.action).toBe('shorten');
    expect(placeExportError({ kind: 'network', message: '' }, selected).banner?.action).toBe('retry');
    expect(placeExportError({ kind: 'cancelled', message: '' }, selected).banner).toBeNull();
  });
});
