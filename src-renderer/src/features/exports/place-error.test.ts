import { describe, expect, it } from 'vitest';
import { placeExportError } from './place-error';
import { testSelectedSignal } from '../../../../src-preload/contract/testing/signals';

const sig = (id: number, name: string) => testSelectedSignal({ id, name, rename: `${name} col`, physicalUnit: 'bar' });

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

  it('matches missing signals by their ID or their path, as the request named them', () => {
    const path = { workspace: 'W', asset: 'A', division: 'D', unit: 'U' };
    const placed = placeExportError(
      {
        kind: 'signals-not-found',
        message: 'x',
        details: { signals: [11, { ...path, signal: 'Level', rename: 'Level col' }, { ...path, signal: 'Gone' }] },
      },
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

  it('after even the smallest slice timed out, advises fewer signals or later, and says which slice', () => {
    const placed = placeExportError(
      {
        kind: 'server-timeout',
        message: 'Nortech took too long even for 1 minute',
        details: { slice: { start: Date.UTC(2026, 10, 10, 6), end: Date.UTC(2026, 10, 10, 6, 1) }, during: 'request', retryable: true },
      },
      selected,
      'UTC',
    );
    expect(placed.banner?.action).toBe('retry');
    expect(placed.banner?.hint).toMatch(/fewer signals/);
    expect(placed.banner?.where).toBe('While asking Nortech for the slice 10 Nov 2026, 06:00:00 → 10 Nov 2026, 06:01:00.');
  });
});
