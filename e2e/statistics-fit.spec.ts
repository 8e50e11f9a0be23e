import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, previewRegion, screenshot, setUtcWindow, WIND_FARM } from './window-helpers';

/*
 * The Statistics table on a 1440-px window with both side panels open, after an export of several
 * signals: every column, Coverage last, lies inside the table's visible box, with no sideways
 * scrolling to find it; with times on one day and across days. Where it cannot fit (the selection
 * pane widened all the way), the cut is shown.
 */

test.use({ viewport: { width: 1440, height: 900 } });

type Page = import('@playwright/test').Page;

/** Every last cell (Coverage) lies inside the scrolling region's box, and nothing scrolls sideways. */
async function expectLastColumnInView(page: Page): Promise<void> {
  const preview = previewRegion(page);
  const table = preview.getByRole('table', { name: 'Statistics' });
  await expect(table.getByRole('columnheader').last()).toHaveText('Coverage');
  await expect(preview.getByText('More columns to the right')).toHaveCount(0);
  // Measured in the page at once: where the region shows, and where each row's last cell is.
  const seen = await preview.getByRole('region', { name: /^Statistics/ }).evaluate((region) => {
    const box = region.getBoundingClientRect();
    const cells = [...region.querySelectorAll('tr > :last-child')].map((c) => ({
      text: (c as HTMLElement).innerText,
      ...c.getBoundingClientRect().toJSON(),
    }));
    return { left: box.left, right: box.right, sideways: region.scrollWidth - region.clientWidth, cells };
  });
  expect(seen.cells).toHaveLength(4); // the header and one per signal
  for (const c of seen.cells) {
    expect(c.left, `${c.text} starts inside`).toBeGreaterThanOrEqual(seen.left - 0.5);
    expect(c.right, `${c.text} ends inside`).toBeLessThanOrEqual(seen.right + 0.5);
  }
  expect(seen.sideways).toBeLessThanOrEqual(1);
  // Coverage says how much of the window the data covers.
  expect(seen.cells[1]!.text).toMatch(/^\d+(\.\d)?\s?%$/);
}

/** Three signals of a turbine's nacelle (1 s, 10 s and 1 min apart, the longest name 19 letters), exported over [start, end) UTC, Statistics shown. */
async function exportThree(page: Page, start: string, end: string) {
  await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
  for (const name of ['Wind Speed', 'Ambient Temperature', 'Nacelle Position']) await addSignal(page, name);
  await setUtcWindow(page, start, end);
  await exportAndWaitForPreview(page);
  // Both side panels are open (not folded to their strips).
  for (const pane of ['Browse', 'Selection']) await expect(page.getByRole('button', { name: `Hide ${pane}` })).toBeVisible();
  const preview = previewRegion(page);
  await preview.getByRole('tab', { name: 'Statistics' }).click();
  const table = preview.getByRole('table', { name: 'Statistics' });
  await expect(table.getByRole('rowheader')).toHaveCount(3);
  return { preview, windSpeed: table.getByRole('row', { name: /^Wind Speed/ }) };
}

test('on a 1440-px window with both panels open, every column of the Statistics table is in view', async ({ app }) => {
  const { page } = app;
  const { preview, windSpeed } = await exportThree(page, '2025-05-01 00:00', '2025-05-01 02:00');
  // One day: said once above the table; the cells show times only, the full time as their title.
  await expect(preview.getByTestId('stats-day')).toHaveText('Times on 2025-05-01 (UTC).');
  await expect(windSpeed.getByRole('cell').nth(6)).toHaveText('01:59:59');
  await expect(windSpeed.locator('time').nth(1)).toHaveAttribute('title', '2025-05-01 01:59:59');
  await screenshot(page, 'statistics-1440');
  await expectLastColumnInView(page);
});

test('across two days each time has its date and the table still fits; where it cannot, the cut is shown', async ({ app }) => {
  const { page } = app;
  const { preview, windSpeed } = await exportThree(page, '2025-05-01 23:00', '2025-05-02 01:00');
  await expect(preview.getByTestId('stats-day')).toHaveCount(0);
  await expect(windSpeed.getByRole('cell').nth(6)).toHaveText('2025-05-02 00:59:59');
  await expectLastColumnInView(page);

  // The selection pane widened as far as it goes: the table cannot fit, and says so.
  const border = page.getByRole('separator', { name: 'Resize Selection' });
  await border.focus();
  await page.keyboard.press('End');
  await expect(preview.getByText('More columns to the right: scroll sideways →')).toBeVisible();
  await expect(preview.getByRole('region', { name: /^Statistics/ })).toHaveClass(/scrolls-sideways/);
  await screenshot(page, 'statistics-cut');
});
