/**
 * Issue 10: one cursor for every chart. Hovering one chart stands a cursor at the same instant on
 * all of them, each with the time and its signals' values there (checked against the emulator's own
 * data); on a focused chart the arrow keys do the same, and Escape puts it away.
 */
import type { Locator, Page } from '@playwright/test';
import { findDefaultCatalog, loadCatalog, valueAt } from '../src-main/emulator';
import { chartOf, msPerPixel, shownRange } from './chart-helpers';
import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, previewRegion, WIND_FARM, setUtcWindow } from './window-helpers';

const SIGNALS = [
  { name: 'Busbar Voltage', id: 10159 },
  { name: 'Air Temperature', id: 10173 },
  { name: 'Export Energy Meter', id: 10161 },
];
const catalog = loadCatalog(findDefaultCatalog());
const fmt = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

/**
 * What the readout must say for a signal at `t`: the value of its sample nearest to `t`, as the
 * emulator has it; a dash before its first or after its last sample in the export's window
 * `[start, end)` (no line there: a sample at exactly the end is not in the export).
 */
function expectedValue(id: number, t: number, range: { start: number; end: number }): string {
  const s = catalog.signalsById.get(id)!;
  const at = (k: number) => s.originMs + k * s.periodMs;
  const first = Math.ceil((range.start - s.originMs) / s.periodMs);
  const last = Math.ceil((range.end - s.originMs) / s.periodMs) - 1;
  if (t < at(first) || t > at(last)) return '–';
  const k = Math.round((t - s.originMs) / s.periodMs);
  return fmt.format(valueAt(s, at(Math.min(Math.max(k, first), last))) as number);
}

async function threeCharts(page: Page): Promise<Locator[]> {
  await openTreePath(page, [WIND_FARM, 'Substation HR-33', '33 kV Switchboard', 'Export Bay']);
  await addSignal(page, 'Busbar Voltage');
  await addSignal(page, 'Export Energy Meter');
  await openTreePath(page, ['Met Mast M1', 'Instruments', 'Mast Base']);
  await addSignal(page, 'Air Temperature');
  // Half an hour: every value is sent (no downsampling), so each readout can be checked exactly.
  await setUtcWindow(page, '2026-11-10 10:00', '2026-11-10 10:30');
  await exportAndWaitForPreview(page);
  const preview = previewRegion(page);
  await expect(preview.locator('.charts')).toHaveAttribute('aria-busy', 'false');
  await page.getByRole('button', { name: 'Hide Browse' }).click();
  return SIGNALS.map((s) => chartOf(preview, s.name));
}

/** Where each chart's cursor stands (page x), and what its readout says. */
async function cursors(charts: Locator[]) {
  return Promise.all(
    charts.map(async (chart) => {
      const line = chart.locator('.recharts-tooltip-cursor');
      const shown = (await line.count()) > 0;
      const box = shown ? await line.boundingBox() : null;
      const readout = chart.locator('.cursor-readout');
      return { x: box ? box.x : null, text: (await readout.count()) ? await readout.innerText() : '' };
    }),
  );
}

/** Each chart's readout: the time it reads, and its signal's value, as the emulator has it there. */
async function expectReadouts(page: Page, charts: Locator[], t: number) {
  const range = await shownRange(page);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(t));
  for (const [i, chart] of charts.entries()) {
    const readout = chart.locator('.cursor-readout');
    await expect(readout.locator('.cursor-time')).toHaveText(time);
    await expect(readout.locator('.cursor-value')).toHaveText(`${SIGNALS[i]!.name} ${expectedValue(SIGNALS[i]!.id, t, range)}`);
  }
}

test.describe('one cursor for all charts', () => {
  test('hovering one of three charts shows the cursor, the time and the values on all three', async ({ app }) => {
    const { page } = app;
    const charts = await threeCharts(page);
    expect(await cursors(charts)).toEqual(charts.map(() => ({ x: null, text: '' })));

    // Hover the middle chart, two fifths across its plot.
    const plot = (await charts[1]!.locator('.recharts-cartesian-grid').boundingBox())!;
    const x = Math.round(plot.x + plot.width * 0.4);
    await page.mouse.move(x, plot.y + plot.height / 2);
    await expect(charts[0]!.locator('.recharts-tooltip-cursor')).toHaveCount(1);
    const shown = await cursors(charts);
    for (const c of shown) {
      expect(c.x).not.toBeNull();
      expect(Math.abs(c.x! - shown[1]!.x!)).toBeLessThanOrEqual(1);
    }
    // The instant under the cursor, from where it stands in the plot (its path is "M x,top L x,bottom").
    const d = (await charts[1]!.locator('.recharts-tooltip-cursor').getAttribute('d'))!;
    const column = Number(/^M([\d.]+),/.exec(d)![1]) - 64;
    expect(Math.abs(column - (x - plot.x))).toBeLessThanOrEqual(1);
    const range = await shownRange(page);
    await expectReadouts(page, charts, range.start + column * (await msPerPixel(charts[1]!)));

    // Leaving the chart puts every cursor away.
    await page.mouse.move(5, 5);
    await expect(page.locator('.recharts-tooltip-cursor')).toHaveCount(0);
  });

  test('the arrow keys on a focused chart move the cursor of every chart', async ({ app }) => {
    const { page } = app;
    const charts = await threeCharts(page);
    // A chart takes the keyboard focus (it is in the tab order, after the legend).
    await charts[0]!.focus();
    await expect(charts[0]!).toBeFocused();
    await page.keyboard.press('ArrowRight'); // the start
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const range = await shownRange(page);
    const pixel = await msPerPixel(charts[0]!);
    await expectReadouts(page, charts, range.start + 2 * pixel);
    const first = await cursors(charts);
    for (const c of first) expect(Math.abs(c.x! - first[0]!.x!)).toBeLessThanOrEqual(1);

    // Shift moves a tenth of the chart; the live region says it for a screen reader.
    await page.keyboard.press('Shift+ArrowRight');
    const columns = Math.round((range.end - range.start) / pixel);
    const col = 2 + Math.round(columns / 10);
    await expectReadouts(page, charts, range.start + col * pixel);
    await expect(charts[0]!.locator('[aria-live]')).toContainText('Busbar Voltage');
    const moved = await cursors(charts);
    expect(moved[0]!.x! - first[0]!.x!).toBeCloseTo(col - 2, 0);

    await page.keyboard.press('End');
    await expectReadouts(page, charts, range.end);
    await page.keyboard.press('Escape');
    await expect(page.locator('.recharts-tooltip-cursor')).toHaveCount(0);
  });
});
