/**
 * Issue 10: moving around a preview. Shift-drag pans, the arrow buttons pan, y-axes fit what is
 * shown, the zoom survives a trip to another tab, and a chart out of view is redrawn for the new
 * range only when it is scrolled into view.
 */
import type { Locator, Page } from '@playwright/test';
import { chartInView, chartOf, shownRange } from './chart-helpers';
import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, previewRegion, WIND_FARM, setUtcWindow } from './window-helpers';

async function exportDay(page: Page, signals: [string[], string[]][]) {
  for (const [path, names] of signals) {
    await openTreePath(page, path);
    for (const name of names) await addSignal(page, name);
  }
  await setUtcWindow(page, '2026-11-10 00:00', '2026-11-11 00:00');
  await exportAndWaitForPreview(page);
  await expect(previewRegion(page).locator('.charts')).toHaveAttribute('aria-busy', 'false');
}

const rangeChanged = async (page: Page, before: { start: number; end: number }) =>
  expect.poll(async () => (await shownRange(page)).start).not.toBe(before.start);

/** The y-axis tick values of a chart, as drawn. */
async function yTicks(chart: Locator): Promise<number[]> {
  const texts = await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
  return texts.map((t) => Number(t.replace(/,/g, '')));
}

test('Shift-drag and the arrow buttons pan; the y-axis fits what is shown; the zoom survives a tab switch', async ({ app }) => {
  const { page } = app;
  await exportDay(page, [[[WIND_FARM, 'Met Mast M1', 'Instruments', 'Mast Base'], ['Air Temperature']]]);
  const preview = previewRegion(page);
  const chart = chartOf(preview, 'Air Temperature');
  const full = await shownRange(page);
  const fullTicks = await yTicks(chart);

  // Zoomed in 16 times around noon, the y-axis spans the hour and a half shown, not the day.
  for (let i = 0; i < 4; i++) {
    const before = await shownRange(page);
    await preview.getByRole('button', { name: 'Zoom in' }).click();
    await rangeChanged(page, before);
  }
  await chartInView(page, chart);
  const zoomed = await shownRange(page);
  expect(zoomed.end - zoomed.start).toBeCloseTo((full.end - full.start) / 16, -3);
  const zoomedTicks = await yTicks(chart);
  const spread = (ticks: number[]) => Math.max(...ticks) - Math.min(...ticks);
  expect(spread(zoomedTicks)).toBeLessThan(spread(fullTicks) / 3);

  // Shift-drag from 60 % to 40 % of the plot: the data follows the mouse, showing what comes after.
  const plot = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
  const y = plot.y + plot.height / 2;
  await page.keyboard.down('Shift');
  await page.mouse.move(plot.x + plot.width * 0.6, y);
  await page.mouse.down();
  await page.mouse.move(plot.x + plot.width * 0.5, y, { steps: 4 });
  await page.mouse.move(plot.x + plot.width * 0.4, y, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await rangeChanged(page, zoomed);
  const panned = await shownRange(page);
  const span = zoomed.end - zoomed.start;
  expect(panned.end - panned.start).toBe(span); // panned, not zoomed
  expect((panned.start - zoomed.start) / span).toBeCloseTo(0.2, 1);

  // The arrow buttons move half a range.
  await preview.getByRole('button', { name: 'Pan left' }).click();
  await rangeChanged(page, panned);
  expect((await shownRange(page)).start).toBe(panned.start - span / 2);

  // Away to the table and back: the same range.
  const kept = await shownRange(page);
  await preview.getByRole('tab', { name: 'Table' }).click();
  await expect(preview.getByRole('table', { name: 'Rows' })).toBeVisible();
  await preview.getByRole('tab', { name: 'Chart' }).click();
  await chartInView(page, chart);
  expect(await shownRange(page)).toEqual(kept);
});

test('a zoom repaints the charts in view; one out of view is redrawn when it is scrolled into view', async ({ app }) => {
  const { page } = app;
  // Five physical units: five charts, more than a preview shows at once.
  await exportDay(page, [
    [
      [WIND_FARM, 'Met Mast M1', 'Instruments', 'Mast Base'],
      ['Air Temperature', 'Relative Humidity', 'Barometric Pressure', 'Global Irradiance'],
    ],
    [['Substation HR-33', '33 kV Switchboard', 'Export Bay'], ['Busbar Voltage']],
  ]);
  const preview = previewRegion(page);
  const charts = preview.locator('.lazy-chart');
  await expect(charts).toHaveCount(5);
  const last = preview.locator('.lazy-chart').last();
  await expect(last).toHaveAttribute('data-in-view', 'false');
  const before = await shownRange(page);
  const lastChart = last.getByRole('figure');
  await expect(lastChart).toHaveAttribute('data-range-start', String(before.start));

  await preview.getByRole('button', { name: 'Zoom in' }).click();
  await rangeChanged(page, before);
  const zoomed = await shownRange(page);
  // In view: redrawn for the new range. Out of view: still the old drawing.
  const first = preview.locator('.lazy-chart').first().getByRole('figure');
  await expect(first).toHaveAttribute('data-range-start', String(zoomed.start));
  await expect(lastChart).toHaveAttribute('data-range-start', String(before.start));
  // Scrolled into view, it catches up.
  await lastChart.scrollIntoViewIfNeeded();
  await expect(last).toHaveAttribute('data-in-view', 'true');
  await expect(lastChart).toHaveAttribute('data-range-start', String(zoomed.start));
});
