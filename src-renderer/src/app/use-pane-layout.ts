import { useCallback, useEffect, useState } from 'react';

/** The window's panes as the user left them: widths in CSS pixels, and which are folded. */
export interface PaneLayout {
  browse: number;
  selection: number;
  browseFolded: boolean;
  selectionFolded: boolean;
}

const KEY = 'signal-explorer.panes';
export const DEFAULT_LAYOUT: PaneLayout = { browse: 280, selection: 360, browseFolded: false, selectionFolded: false };
export const PANE_MIN = 220;
export const PANE_MAX = 640;

/** A stored layout, or the default when there is none or it is not one. */
export function readLayout(storage: Pick<Storage, 'getItem'> | undefined): PaneLayout {
  try {
    const raw = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<PaneLayout> | null;
    if (!raw || typeof raw !== 'object') return DEFAULT_LAYOUT;
    const width = (w: unknown, fallback: number) =>
      typeof w === 'number' && Number.isFinite(w) ? Math.min(Math.max(w, PANE_MIN), PANE_MAX) : fallback;
    return {
      browse: width(raw.browse, DEFAULT_LAYOUT.browse),
      selection: width(raw.selection, DEFAULT_LAYOUT.selection),
      browseFolded: raw.browseFolded === true,
      selectionFolded: raw.selectionFolded === true,
    };
  } catch {
    // Storage refused or a damaged value: the default layout, rewritten on the first change.
    return DEFAULT_LAYOUT;
  }
}

/** The pane layout, remembered in this browser's storage (per app data folder's origin). */
export function usePaneLayout(): [PaneLayout, (change: Partial<PaneLayout>) => void] {
  const [layout, setLayout] = useState(() => readLayout(globalThis.localStorage));
  useEffect(() => {
    try {
      localStorage.setItem(KEY, JSON.stringify(layout));
    } catch {
      // Storage may be full or refused: the layout still works for this session.
    }
  }, [layout]);
  const change = useCallback((c: Partial<PaneLayout>) => setLayout((l) => ({ ...l, ...c })), []);
  return [layout, change];
}
