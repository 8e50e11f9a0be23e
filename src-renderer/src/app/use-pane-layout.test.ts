import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, PANE_MAX, PANE_MIN, readLayout } from './use-pane-layout';

const stored = (value: string | null) => ({ getItem: () => value });

describe('the remembered pane layout', () => {
  it('reads back what was stored, kept within bounds', () => {
    expect(readLayout(stored(JSON.stringify({ browse: 300, selection: 5000, browseFolded: true })))).toEqual({
      browse: 300,
      selection: PANE_MAX,
      browseFolded: true,
      selectionFolded: false,
    });
    expect(readLayout(stored(JSON.stringify({ browse: 10 }))).browse).toBe(PANE_MIN);
  });

  it('falls back to the default for nothing, or for anything else', () => {
    expect(readLayout(stored(null))).toEqual(DEFAULT_LAYOUT);
    expect(readLayout(stored('{not json'))).toEqual(DEFAULT_LAYOUT);
    expect(readLayout(stored('42'))).toEqual(DEFAULT_LAYOUT);
    expect(readLayout(undefined)).toEqual(DEFAULT_LAYOUT);
  });
});
