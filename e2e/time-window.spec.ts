import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, previewRegion, WIND_FARM } from './window-helpers';

/** Yesterday's date as the wall calendar of `zone` reads it, e.g. `2026-11-25`. */
function yesterdayIn(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() - 86_400_000),
  );
}

test('a window typed in another time zone is read, summarised and shown in that zone', async ({ app }) => {
  const { page } = app;
  await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
  await addSignal(page, 'Ambient Temperature'); // one value a minute

  const day = yesterdayIn('Asia/Tokyo');
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Asia/Tokyo');
  await page.getByRole('textbox', { name: 'Start' }).fill(`${day} 08:00`);
  await page.getByRole('textbox', { name: 'End' }).fill(`${day} 09:00`);
  const summary = page.getByTestId('window-summary');
  await expect(summary).toContainText('08:00 →');
  await expect(summary).toContainText('(Asia/Tokyo), 1 h');

  // Relative expressions work in any zone.
  await page.getByRole('textbox', { name: 'Start' }).fill('now-6h');
  await page.getByRole('textbox', { name: 'End' }).fill('now-5h');
  await expect(summary).toContainText('1 h');
  await page.getByRole('textbox', { name: 'Start' }).fill(`${day} 08:00`);
  await page.getByRole('textbox', { name: 'End' }).fill(`${day} 09:00`);

  await exportAndWaitForPreview(page);
  await expect(page.getByTestId('preview-facts')).toContainText('60 rows');
  const preview = previewRegion(page);
  await preview.getByRole('tab', { name: 'Table' }).click();
  // Timestamps are shown in the chosen zone: the first row is 08:00 Tokyo time.
  await expect(preview.getByRole('table', { name: 'Rows' }).getByRole('row').nth(1).getByRole('cell').first()).toHaveText(
    `${day} 08:00:00`,
  );

  // Changing the zone keeps the same instants: the inputs are rewritten in the new zone.
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('UTC');
  const utcDay = new Date(Date.parse(`${day}T08:00:00+09:00`)).toISOString().slice(0, 10); // the day before
  await expect(page.getByRole('textbox', { name: 'Start' })).toHaveValue(`${utcDay} 23:00:00`);
  await expect(preview.getByRole('table', { name: 'Rows' }).getByRole('row').nth(1).getByRole('cell').first()).toHaveText(/ 23:00:00$/);
});
