/**
 * Issue 10: lines that read right. Continuous demo signals sampled every second, minute and quarter
 * hour are each drawn as one unbroken line (one `M` in their path) over a day and over a week, in
 * full and zoomed in 4 and 16 times; a signal with real outages (the emulator's own gaps) is broken
 * exactly where they are, and only there, also zoomed and panned. Screenshots of both previews go
 * to e2e-artifacts; with UPDATE_README_SCREENSHOT set, the week becomes the README's picture.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { findDefaultCatalog, loadCatalog, valueAt } from '../src-main/emulator';
import { chartInView, chartOf, lineShapes, msPerPixel, shownRange, type Stretch } from './chart-helpers';
import { expect, repoRoot, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, previewRegion, screenshot, WIND_FARM, setUtcWindow } from './window-helpers';

const CONTINUOUS = ['Busbar Voltage', 'Air Temperature', 'Export Energy Meter']; // 1 s, 1 min, 15 min; no outage
const WITH_OUTAGES = 'Wind Speed'; // WTG-A01, 1 s, 45-minute outages
const WIND_SPEED_ID = 10001;

const catalog = loadCatalog(findDefaultCatalog());

/** The stretches of values a signal has in [start, end], from the emulator itself: what must be drawn. */
function stretchesOf(id: number, range: { start: number; end: number }): Stretch[] {
  const signal = catalog.signalsById.get(id)!;
  const out: Stretch[] = [];
  let open: Stretch | null = null;
  const first = Math.ceil((range.start - signal.originMs) / signal.periodMs) * signal.periodMs + signal.originMs;
  for (let t = first; t <= range.end; t += signal.periodMs) {
    if (valueAt(signal, t) === null) {
      if (open) out.push(open);
      open = null;
    } else if (open) open.to = t;
    else open = { from: t, to: t };
  }
  if (open) out.push(open);
  return out;
}

async function pickSignals(page: Page) {
  await openTreePath(page, [WIND_FARM, 'Substation HR-33', '33 kV Switchboard', 'Export Bay']);
  await addSignal(page, 'Busbar Voltage');
  await addSignal(page, 'Export Energy Meter');
  await openTreePath(page, ['Met Mast M1', 'Instruments', 'Mast Base']);
  await addSignal(page, 'Air Temperature');
  await openTreePath(page, ['String A', 'WTG-A01', 'Nacelle']);
  await addSignal(page, 'Wind Speed');
}

async function exportWindow(page: Page, start: string, end: string) {
  await setUtcWindow(page, start, end);
  await exportAndWaitForPreview(page);
  await expect(previewRegion(page).locator('.charts')).toHaveAttribute('aria-busy', 'false');
}

/** Every chart, brought into view: continuous lines in one piece, the outage signal in exactly its stretches. */
async function checkLines(page: Page, view: string) {
  const preview = previewRegion(page);
  for (const column of [...CONTINUOUS, WITH_OUTAGES]) {
    const chart = chartOf(preview, column);
    await chartInView(page, chart);
    const [line] = await lineShapes(chart);
    expect(line?.column, view).toBe(column);
    if (column !== WITH_OUTAGES) {
      expect(line!.moves, `${column}, ${view}: one unbroken line`).toBe(1);
      continue;
    }
    const expected = stretchesOf(WIND_SPEED_ID, await shownRange(page));
    expect(line!.moves, `${column}, ${view}: one piece per stretch between outages`).toBe(expected.length);
    // Each break is where the data pauses, to a pixel: the line stops at the last value before an
    // outage and starts again at the first after it.
    const pixel = await msPerPixel(chart);
    line!.stretches.forEach((drawn, i) => {
      expect(Math.abs(drawn.from - expected[i]!.from), `${view}: stretch ${i} starts`).toBeLessThanOrEqual(pixel);
      expect(Math.abs(drawn.to - expected[i]!.to), `${view}: stretch ${i} ends`).toBeLessThanOrEqual(pixel);
    });
  }
}

/** The preview scrolled back to its top, every chart on screen drawn for the range shown. */
async function previewAtTop(page: Page) {
  const preview = previewRegion(page);
  await preview.evaluate((el) => el.scrollTo({ top: 0 }));
  const range = await shownRange(page);
  await expect(preview.locator('.lazy-chart').first()).toHaveAttribute('data-in-view', 'true');
  // Read at once in the page: which charts are in view changes as their IntersectionObservers report.
  await expect
    .poll(() =>
      preview
        .locator('.lazy-chart[data-in-view="true"] figure')
        .evaluateAll((figures, end) => figures.every((f) => f.getAttribute('data-range-end') === end), String(range.end)),
    )
    .toBe(true);
}

async function zoomIn(page: Page, times: number) {
  const preview = previewRegion(page);
  for (let i = 0; i < times; i++) {
    const before = await page.getByTestId('chart-range').innerText();
    await preview.getByRole('button', { name: 'Zoom in' }).click();
    await expect(page.getByTestId('chart-range')).not.toHaveText(before);
  }
}

async function pan(page: Page, direction: 'left' | 'right') {
  const before = await page.getByTestId('chart-range').innerText();
  await previewRegion(page)
    .getByRole('button', { name: `Pan ${direction}` })
    .click();
  await expect(page.getByTestId('chart-range')).not.toHaveText(before);
}

test.describe('lines drawn as the data is: unbroken where it is continuous, broken only at outages', () => {
  test('over 24 hours, in full, zoomed in 4 and 16 times, and panned to an outage', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await pickSignals(page);
    await exportWindow(page, '2026-11-10 00:00', '2026-11-11 00:00');
    // The day holds one outage of Wind Speed (05:46:04 to 06:31:04 UTC): two pieces.
    expect(stretchesOf(WIND_SPEED_ID, await shownRange(page))).toHaveLength(2);
    await checkLines(page, '24 h');
    await previewAtTop(page);
    await screenshot(page, 'preview-24h');

    await zoomIn(page, 2);
    await checkLines(page, '24 h, zoomed in 4 times');
    // 06:00 to 12:00 starts inside the outage (one piece, from 06:31:04); 03:00 to 09:00 holds it all.
    await pan(page, 'left');
    await checkLines(page, '24 h, 4 times, panned to the outage');
    await pan(page, 'left');
    expect(stretchesOf(WIND_SPEED_ID, await shownRange(page))).toHaveLength(2);
    await checkLines(page, '24 h, 4 times, panned over the outage');
    await zoomIn(page, 2);
    await checkLines(page, '24 h, zoomed in 16 times');
  });

  test('over 7 days, in full and zoomed in 4 and 16 times', async ({ app }) => {
    test.setTimeout(150_000);
    const { page } = app;
    await pickSignals(page);
    await exportWindow(page, '2026-11-09 00:00', '2026-11-16 00:00');
    // Two outages of Wind Speed this week (10 Nov 05:46, 14 Nov 23:00): three pieces.
    expect(stretchesOf(WIND_SPEED_ID, await shownRange(page))).toHaveLength(3);
    await checkLines(page, '7 days');
    await expect(previewRegion(page).getByTestId('downsampled-mark')).toBeVisible();
    await previewAtTop(page);
    await screenshot(page, 'preview-7d');
    // The README's picture, a little larger: refreshed on purpose only, so that test runs do not rewrite a tracked file.
    if (process.env.UPDATE_README_SCREENSHOT) {
      await page.setViewportSize({ width: 1440, height: 900 });
      await checkLines(page, '7 days, in a larger window');
      await previewAtTop(page);
      await page.screenshot({ path: join(repoRoot, 'resources', 'screenshot.png') });
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    await zoomIn(page, 2);
    await checkLines(page, '7 days, zoomed in 4 times');
    await zoomIn(page, 2);
    await checkLines(page, '7 days, zoomed in 16 times');
  });
});
