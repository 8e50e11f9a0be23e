/**
 * Issue 10: room for the charts. The panes resize by dragging their borders (or with the arrow keys
 * on a focused border), fold away, and are laid out again as the user left them after a reload.
 * Statistics fit their panel: the table scrolls, by keyboard too, with each signal's name in view.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, previewRegion, WIND_FARM, setUtcWindow } from './window-helpers';

const widthOf = async (el: Locator) => (await el.boundingBox())!.width;

test('the panes resize, fold, and come back as they were left', async ({ app }) => {
  const { page } = app;
  const browse = page.getByRole('region', { name: 'Browse' });
  const preview = previewRegion(page);
  const browseWidth = await widthOf(browse);
  const previewWidth = await widthOf(preview);

  // Drag the border between Browse and Selection 100 px to the right.
  const border = page.getByRole('separator', { name: 'Resize Browse' });
  const box = (await border.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 50, box.y + 200, { steps: 3 });
  await page.mouse.move(box.x + box.width / 2 + 100, box.y + 200, { steps: 3 });
  await page.mouse.up();
  await expect.poll(() => widthOf(browse)).toBeCloseTo(browseWidth + 100, -1);
  // The keyboard: a focused border moves 16 px per arrow.
  await border.focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => widthOf(browse)).toBeCloseTo(browseWidth + 84, 0);
  await expect(border).toHaveAttribute('aria-valuenow', String(Math.round(browseWidth) + 84));

  // Fold Selection away: the preview gets its room.
  await page.getByRole('button', { name: 'Hide Selection' }).click();
  await expect(page.getByRole('button', { name: 'Show Selection' })).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('form', { name: 'Export settings' })).toBeHidden();
  await expect.poll(() => widthOf(preview)).toBeGreaterThan(previewWidth + 200);

  // A reload lays the window out as it was left; Show brings the pane back, content and all.
  const widthBefore = await widthOf(browse);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Show Selection' })).toBeVisible();
  expect(await widthOf(browse)).toBeCloseTo(widthBefore, 0);
  await page.getByRole('button', { name: 'Show Selection' }).click();
  await expect(page.getByRole('form', { name: 'Export settings' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hide Selection' })).toHaveAttribute('aria-expanded', 'true');
});

test('statistics fit their panel: they scroll by keyboard, the signal name stays in view, the longest gap is shown', async ({ app }) => {
  const { page } = app;
  await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
  await addSignal(page, 'Wind Speed');
  await addSignal(page, 'Ambient Temperature');
  await setUtcWindow(page, '2026-11-10 00:00', '2026-11-11 00:00');
  await exportAndWaitForPreview(page);
  const preview = previewRegion(page);
  await preview.getByRole('tab', { name: 'Statistics' }).click();
  const table = preview.getByRole('table', { name: 'Statistics' });
  // The outage of 10 Nov 05:46:04 to 06:31:04: 45 minutes without a value, from the last one before it.
  const windSpeed = table.getByRole('row', { name: /^Wind Speed/ });
  // Every time of the table is on 10 Nov: the day is said once above it, the cells show the time.
  await expect(windSpeed.getByRole('cell').nth(7)).toHaveText(/^45 min 1 s from 05:46:03$/);
  await expect(preview.getByTestId('stats-day')).toHaveText('Times on 2026-11-10 (UTC).');

  // Widen the selection pane as far as it goes: the table no longer fits, and scrolls inside its region.
  const border = page.getByRole('separator', { name: 'Resize Selection' });
  await border.focus();
  await page.keyboard.press('End');
  const region = preview.getByRole('region', { name: 'Statistics, scrollable' });
  await expect.poll(() => region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  // Reached with Tab, scrolled with the arrow keys.
  await preview.getByRole('tab', { name: 'Statistics' }).focus();
  await page.keyboard.press('Tab');
  await expect(region).toBeFocused();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  // The signal's name is still at the left edge of the region, and the last column is in view.
  const name = windSpeed.getByRole('rowheader');
  const [nameBox, regionBox] = [(await name.boundingBox())!, (await region.boundingBox())!];
  expect(Math.abs(nameBox.x - regionBox.x)).toBeLessThanOrEqual(2);
  await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  const gap = (await windSpeed.getByRole('cell').nth(7).boundingBox())!;
  expect(gap.x + gap.width).toBeLessThanOrEqual(regionBox.x + regionBox.width + 1);
  expect((await name.boundingBox())!.x).toBeCloseTo(regionBox.x, -1);
});
