import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, previewRegion, selectedList, WIND_FARM, waitForPreview } from './window-helpers';

test('search finds signals by name, description or unit and shows where they live', async ({ app }) => {
  const { page } = app;
  await page.getByRole('combobox', { name: 'Workspace to search' }).selectOption({ label: 'Riverside Water Treatment Works' });
  await page.getByRole('searchbox', { name: 'Search signals' }).fill('turbidity');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('listitem').first()).toBeVisible();
  await expect(results.getByRole('listitem').first()).toContainText('Riverside Water Treatment Works ›');
  await results
    .getByRole('button', { name: /^Add .*Turbidity/ })
    .first()
    .click();
  await expect(selectedList(page).getByRole('listitem')).toHaveCount(1);
  // A signal's details: unit, type, description and ID.
  await results.getByRole('listitem').first().getByRole('button').first().click();
  const details = page.getByRole('region', { name: /^Details of / });
  await expect(details.getByText('Physical unit')).toBeVisible();
  await expect(details.getByText('Data type')).toBeVisible();
  await expect(details.getByText('ID', { exact: true })).toBeVisible();
  // Nothing found is said, not left blank.
  await page.getByRole('searchbox', { name: 'Search signals' }).fill('no such signal anywhere');
  await expect(page.getByText('No signal matches')).toBeVisible();
  // Clearing the search brings the tree back.
  await page.getByRole('searchbox', { name: 'Search signals' }).fill('');
  await expect(page.getByRole('tree')).toBeVisible();
});

test('history lists past exports, opens a cached preview and runs one again', async ({ app }) => {
  const { page } = app;
  await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
  await addSignal(page, 'Wind Speed');
  await page.getByRole('combobox', { name: 'Quick range' }).selectOption('Last 1 hour');
  await exportAndWaitForPreview(page);
  const firstFacts = await page.getByTestId('preview-facts').innerText();

  // A fresh window: no preview, no selection; history remembers.
  await page.reload();
  await expect(previewRegion(page).getByText('Nothing to preview yet')).toBeVisible();
  await page.getByRole('button', { name: 'History' }).click();
  const dialog = page.getByRole('dialog', { name: 'History' });
  const entries = dialog.getByRole('list', { name: 'Past exports' }).getByRole('listitem');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Done');
  await expect(entries.first()).toContainText('1 signal: Wind Speed');
  await entries.first().getByRole('button', { name: 'Open preview' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => page.getByTestId('preview-facts').innerText()).toBe(firstFacts);
  await expect(selectedList(page).getByRole('listitem', { name: 'Wind Speed' })).toBeVisible();

  await page.getByRole('button', { name: 'History' }).click();
  await entries.first().getByRole('button', { name: 'Re-run' }).click();
  await waitForPreview(page);
  await page.getByRole('button', { name: 'History' }).click();
  await expect(entries).toHaveCount(2);
  await entries.first().getByRole('button', { name: 'Remove from history' }).click();
  await expect(entries).toHaveCount(1);
});
