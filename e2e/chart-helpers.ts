/**
 * What a chart shows, read from its SVG as drawn: each line's stretches (one per `M` of its path),
 * in pixels and in time, by the plot's own scale (the same plot area in every chart).
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The plot area inside each chart's SVG: x from the y-axis' width to the right margin. */
const PLOT_LEFT = 64;
const PLOT_RIGHT_MARGIN = 12;

export interface Stretch {
  /** First and last point of an unbroken stretch of the line, as instants (ms). */
  from: number;
  to: number;
}

export interface LineShape {
  column: string;
  /** The number of `M` commands in the path: 1 is an unbroken line. */
  moves: number;
  stretches: Stretch[];
}

/** The chart of a signal, found by its name as a user (or a screen reader) finds it. */
export const chartOf = (preview: Locator, column: string): Locator =>
  preview.getByRole('figure', { name: new RegExp(`^Chart of .*\\b${column}\\b`) });

/** The range the toolbar says is shown, in ms. */
export async function shownRange(page: Page): Promise<{ start: number; end: number }> {
  const el = page.getByTestId('chart-range');
  return { start: Number(await el.getAttribute('data-start')), end: Number(await el.getAttribute('data-end')) };
}

/** Scrolls a chart into view and waits until it is drawn for the range the toolbar shows. */
export async function chartInView(page: Page, chart: Locator): Promise<void> {
  await chart.scrollIntoViewIfNeeded();
  const range = await shownRange(page);
  await expect(chart).toHaveAttribute('data-range-start', String(range.start));
  await expect(chart).toHaveAttribute('data-range-end', String(range.end));
}

/** Each line of a chart: its stretches, turned back into instants with the chart's x scale. */
export async function lineShapes(chart: Locator): Promise<LineShape[]> {
  const start = Number(await chart.getAttribute('data-range-start'));
  const end = Number(await chart.getAttribute('data-range-end'));
  const width = Number(await chart.locator('svg.recharts-surface').getAttribute('width'));
  const plot = width - PLOT_LEFT - PLOT_RIGHT_MARGIN;
  const toTime = (x: number) => start + ((x - PLOT_LEFT) / plot) * (end - start);
  const paths = await chart
    .locator('path.series-line')
    .evaluateAll((ps) => ps.map((p) => ({ column: p.getAttribute('data-column') ?? '', d: p.getAttribute('d') ?? '' })));
  return paths.map(({ column, d }) => {
    const stretches = d
      .split('M')
      .filter(Boolean)
      .map((part) => {
        const xs = part.split('L').map((pt) => Number(pt.split(',')[0]));
        return { from: toTime(xs[0]!), to: toTime(xs[xs.length - 1]!) };
      });
    return { column, moves: (d.match(/M/g) ?? []).length, stretches };
  });
}

/** How long one pixel of a chart's plot lasts, in ms. */
export async function msPerPixel(chart: Locator): Promise<number> {
  const start = Number(await chart.getAttribute('data-range-start'));
  const end = Number(await chart.getAttribute('data-range-end'));
  const width = Number(await chart.locator('svg.recharts-surface').getAttribute('width'));
  return (end - start) / (width - PLOT_LEFT - PLOT_RIGHT_MARGIN);
}
