import { expect, test } from './fixtures/launch-app';
import { WIND_FARM } from './window-helpers';

test('connect: Demo data first; add, test, use, edit and remove a Nortech connection; the key is never shown again', async ({ app }) => {
  const { page } = app;
  const picker = page.getByRole('combobox', { name: 'Connection' });
  await expect(picker.getByRole('option').first()).toHaveText('Demo data');
  await expect(page.getByRole('tree').getByRole('treeitem', { name: WIND_FARM })).toBeVisible();

  await page.getByRole('button', { name: 'Connections…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connections' });
  await expect(dialog.getByText('kept in memory only')).toBeVisible();
  await expect(dialog.getByRole('listitem').first()).toContainText('Demo data');
  await dialog.getByRole('button', { name: 'Add connection' }).click();

  // Checked as typed: a URL must be a URL, a new connection needs a key.
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Plant north');
  await dialog.getByRole('textbox', { name: 'API URL' }).fill('api.example');
  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Enter a full URL' })).toBeVisible();
  await dialog.getByRole('textbox', { name: 'API URL' }).fill(app.emulator!.baseUrl);
  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Enter the API key' })).toBeVisible();

  // Test before saving: who the API says we are.
  await dialog.getByLabel('API key').fill(app.emulator!.apiKey);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('status')).toContainText('Connected as demo.engineer@example.com (Demo Energy & Water Ltd)');
  await dialog.getByRole('button', { name: 'Save connection' }).click();

  const item = dialog.getByRole('listitem').filter({ hasText: 'Plant north' });
  await expect(item).toBeVisible();
  const keyHint = `…${app.emulator!.apiKey.slice(-4)}`;
  await expect(item).toContainText(keyHint); // only the last characters, to recognise it
  await expect(dialog.getByText(app.emulator!.apiKey, { exact: true })).toHaveCount(0);
  await item.getByRole('button', { name: 'Test Plant north' }).click();
  await expect(item.getByRole('status')).toContainText('Connected as');

  // Editing keeps the stored key unless a new one is typed; the field starts empty.
  await item.getByRole('button', { name: 'Edit Plant north' }).click();
  await expect(dialog.getByLabel('API key')).toHaveValue('');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Plant north (edited)');
  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Plant north (edited)' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The new connection is in use: its catalog is browsed.
  await expect(picker).not.toHaveValue('demo');
  await expect(picker.locator('option:checked')).toHaveText('Plant north (edited)');
  await expect(page.getByRole('tree').getByRole('treeitem', { name: WIND_FARM })).toBeVisible();

  await page.getByRole('button', { name: 'Connections…' }).click();
  await dialog.getByRole('button', { name: 'Remove Plant north (edited)' }).click();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Plant north' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(picker).toHaveValue('demo');
});

test('a level that fails to load says so in place and can be retried', async ({ app }) => {
  const { page } = app;
  const tree = page.getByRole('tree');
  await expect(tree.getByRole('treeitem', { name: WIND_FARM })).toBeVisible();
  app.emulator!.faults.fail503Next = 1000;
  await tree.getByRole('treeitem', { name: WIND_FARM }).click();
  const failure = tree.getByRole('alert');
  await expect(failure).toBeVisible({ timeout: 45_000 });
  app.emulator!.resetFaults();
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(tree.getByRole('treeitem', { name: 'String A' })).toBeVisible();
});
