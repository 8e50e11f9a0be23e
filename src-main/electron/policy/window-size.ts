/** The main window's sizes: what it opens at, what it may shrink to, and a remembered rectangle. */
export const MIN_SIZE = { width: 1024, height: 640 } as const;
export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}
