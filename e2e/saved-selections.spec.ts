import { expect, test } from './fixtures/launch-app';
import { addSignal, openTreePath, selectedList, WIND_FARM } from './window-helpers';

test('a saved selection round trip: save, reload, load, rename, delete', async ({ app }) => {
  const { page } = app;
  await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
  await addSignal(page, 'Wind Speed');
  await addSignal(page, 'Wind Direction');
  await page.getByRole('textbox', { name: 'Column name for Wind Direction' }).fill('Direction');
  await page.getByRole('textbox', { name: 'Start' }).fill('now-6h');
  await page.getByRole('combobox', { name: 'Format' }).selectOption('csv');
  const values = page.getByRole('group', { name: 'Values' });
  await values.getByRole('radio', { name: 'One row every interval' }).check();
  await values.getByRole('combobox', { name: 'Interval' }).fill('15m');
  await values.getByRole('group', { name: 'Functions' }).getByRole('checkbox', { name: 'Maximum', exact: true }).check();
  const summary = await values.getByTestId('values-summary').textContent();
  expect(summary).toMatch(/^Every 15 minutes .*: mean and maximum$/);

  await page.getByRole('button', { name: 'Save selection…' }).click();
  await page.getByRole('textbox', { name: 'Selection name' }).fill('Nacelle wind');
  await page.getByRole('button', { name: 'Save selection', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Saved selection' })).toHaveValue(/.+/);

  // A fresh window: nothing selected until the saved selection is loaded.
  await page.reload();
  await expect(page.getByText('No signals selected')).toBeVisible();
  await expect(values.getByRole('radio', { name: 'Raw values' })).toBeChecked();
  const saved = page.getByRole('combobox', { name: 'Saved selection' });
  await expect(saved.getByRole('option', { name: 'Nacelle wind' })).toHaveCount(1);
  await saved.selectOption({ label: 'Nacelle wind' });
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(selectedList(page).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('textbox', { name: 'Column name for Wind Direction' })).toHaveValue('Direction');
  await expect(page.getByRole('textbox', { name: 'Start' })).toHaveValue('now-6h'); // still relative
  await expect(page.getByRole('combobox', { name: 'Format' })).toHaveValue('csv');
  await expect(values.getByTestId('values-summary')).toHaveText(summary!);

  // Reorder: the file's columns follow the list.
  await page.getByRole('button', { name: 'Move Wind Direction up' }).click();
  await expect(selectedList(page).getByRole('listitem').first()).toHaveAccessibleName('Wind Direction');

  await page.getByRole('button', { name: 'Rename…' }).click();
  await page.getByRole('textbox', { name: 'Selection name' }).fill('Nacelle wind, 6 h');
  await page.getByRole('button', { name: 'Rename selection' }).click();
  await expect(saved.getByRole('option', { name: 'Nacelle wind, 6 h' })).toHaveCount(1);
  await expect(saved.getByRole('option', { name: 'Nacelle wind', exact: true })).toHaveCount(0);

  await saved.selectOption({ label: 'Nacelle wind, 6 h' });
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(saved.getByRole('option', { name: 'Nacelle wind, 6 h' })).toHaveCount(0);
  // Deleting the saved one leaves what is on screen alone.
  await expect(selectedList(page).getByRole('listitem')).toHaveCount(2);
});
