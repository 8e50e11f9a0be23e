/**
 * The Settings dialog (from the header): how many chunks of an export are asked for at once, the
 * size of the export cache and the day weeks start on; checked as typed with the contract's bounds, kept by the main
 * process across windows.
 */
import { expect, test } from './fixtures/launch-app';
import { callApi } from './window-helpers';

test('settings are checked as typed, saved, and kept after a reload', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const concurrency = dialog.getByRole('spinbutton', { name: 'Chunks downloaded at once' });
  const cache = dialog.getByRole('spinbutton', { name: 'Export cache size (GB)' });
  const weekStart = dialog.getByRole('combobox', { name: 'Weeks start on' });
  // The defaults, as the main process holds them.
  await expect(concurrency).toHaveValue('3');
  await expect(cache).toHaveValue('20');
  await expect(weekStart).toHaveValue('monday');

  await concurrency.fill('9');
  await expect(dialog.getByRole('alert')).toHaveText('At most 8');
  await expect(concurrency).toHaveAttribute('aria-invalid', 'true');
  await concurrency.fill('2');
  await cache.fill('0.5');
  await expect(dialog.getByRole('alert')).toHaveText('At least 1 GB');
  await cache.fill('5');
  await weekStart.selectOption('Sunday');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog).toBeHidden();
  expect((await callApi(page, app.token, 'settings.get', undefined)).value).toEqual({
    concurrency: 2,
    cacheLimitGb: 5,
    weekStart: 'sunday',
    liveIntervalSeconds: 2,
  });

  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(concurrency).toHaveValue('2');
  await expect(cache).toHaveValue('5');
  await expect(weekStart).toHaveValue('sunday');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('what is typed while the settings are still being read stays, and the rest shows what is saved', async ({ app }) => {
  const { page } = app;
  expect((await callApi(page, app.token, 'settings.save', { cacheLimitGb: 7 })).ok).toBe(true);
  // The main process's answer (the window reads the settings as it starts) held until the user has typed.
  let answer!: () => void;
  const typed = new Promise<void>((resolve) => (answer = resolve));
  await page.route('**/api/call/settings.get', async (route) => {
    await typed;
    await route.continue();
  });
  const read = page.waitForResponse('**/api/call/settings.get');
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const concurrency = dialog.getByRole('spinbutton', { name: 'Chunks downloaded at once' });
  await concurrency.fill('2');
  answer();
  await read;
  await expect(dialog.getByRole('spinbutton', { name: 'Export cache size (GB)' })).toHaveValue('7');
  await expect(concurrency).toHaveValue('2');
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog).toBeHidden();
  expect((await callApi(page, app.token, 'settings.get', undefined)).value).toMatchObject({ concurrency: 2, cacheLimitGb: 7 });
});
