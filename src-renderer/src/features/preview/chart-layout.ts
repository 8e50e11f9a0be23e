/*
 * Every chart of the preview has the same plot area across: one y-axis width and the same
 * margins, so that one instant is at the same x in every chart (the shared cursor lines up) and
 * the main process can be asked for exactly one M4 bucket per pixel column of that plot.
 */

export const Y_AXIS_WIDTH = 64;
export const MARGIN = { top: 4, right: 12, bottom: 0, left: 0 } as const;

/** The plot's width in CSS pixels for a chart `width` wide: the `points` a preview asks for. */
export const plotColumns = (width: number) => Math.min(Math.max(Math.round(width) - Y_AXIS_WIDTH - MARGIN.left - MARGIN.right, 10), 20_000);

/**
 * Where the cursor can stand, the same in every chart: the instant at each whole pixel of the plot,
 * from its left edge (the range's start) to its right edge (its end), `columns + 1` stops.
 */
export function cursorGrid(range: { start: number; end: number }, columns: number): { t: number }[] {
  const step = (range.end - range.start) / columns;
  return Array.from({ length: columns + 1 }, (_, i) => ({ t: range.start + i * step }));
}
