import { startEmulator } from '../src-main/emulator';
import { expect, test } from './fixtures/launch-app';
import { addSignal, callApi, openTreePath, screenshot, selectedList, WIND_FARM, waitForPreview } from './window-helpers';
import type { Page } from '@playwright/test';

/** Picks two Nacelle signals from the demo tree and a short window. */
async function pickTwo(page: Page, start = 'now-1h') {
  await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
  await addSignal(page, 'Wind Speed');
  await addSignal(page, 'Ambient Temperature');
  await page.getByRole('textbox', { name: 'Column name for Wind Speed' }).fill('wind');
  await page.getByRole('textbox', { name: 'Start' }).fill(start);
}

/** Nothing the user entered is lost by a failure. */
async function expectFormKept(page: Page, start = 'now-1h') {
  await expect(selectedList(page).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('textbox', { name: 'Column name for Wind Speed' })).toHaveValue('wind');
  await expect(page.getByRole('textbox', { name: 'Start' })).toHaveValue(start);
}

/** Adds a Nortech connection through the Connections dialog and makes it the one in use. */
async function addConnection(page: Page, name: string, apiUrl: string, apiKey: string) {
  await page.getByRole('button', { name: 'Connections…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connections' });
  await expect(dialog.getByText('kept in memory only')).toBeVisible(); // browser mode says so
  await dialog.getByRole('button', { name: 'Add connection' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'API URL' }).fill(apiUrl);
  await dialog.getByLabel('API key').fill(apiKey);
  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await expect(dialog.getByRole('listitem').filter({ hasText: name })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('combobox', { name: 'Connection' })).toHaveValue(/.+/);
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: name });
}

const exportButton = (page: Page) => page.getByRole('button', { name: 'Export', exact: true });

test.describe('each failure is shown where it belongs, and the form survives it', () => {
  test('invalid fields are marked beside their inputs', async ({ app }) => {
    const { page } = app;
    await exportButton(page).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Pick at least one signal' })).toBeVisible();
    await pickTwo(page, 'the day before');
    await exportButton(page).click();
    const start = page.getByRole('textbox', { name: 'Start' });
    await expect(start).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: 'is not a time' })).toBeVisible();
    await expect(start).toBeFocused();
    await page.getByRole('textbox', { name: 'End' }).fill('now-2h');
    await start.fill('now-1h');
    await expect(page.getByRole('alert').filter({ hasText: 'End must be after start' })).toBeVisible();
    await expectFormKept(page);
  });

  test('a refused key offers the way to the connection, and works once fixed', async ({ app }) => {
    const { page } = app;
    await pickTwo(page);
    await addConnection(page, 'Plant (wrong key)', app.emulator!.baseUrl, 'not-the-key');
    await exportButton(page).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The API key was refused' });
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await screenshot(page, 'error');
    await expectFormKept(page);

    await alert.getByRole('button', { name: 'Fix the API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connections' });
    await expect(dialog.getByRole('heading', { name: 'Edit Plant (wrong key)' })).toBeVisible();
    await expect(dialog.getByLabel('API key')).toHaveValue(''); // the stored key is never shown
    await dialog.getByLabel('API key').fill(app.emulator!.apiKey);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Connected as' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Save connection' }).click();
    await expect(dialog).toBeHidden();
    await exportButton(page).click();
    await waitForPreview(page);
  });

  test('an unreachable API says so and offers a retry', async ({ app }) => {
    const { page } = app;
    await pickTwo(page);
    await addConnection(page, 'Offline plant', 'http://127.0.0.1:9', 'any-key');
    await exportButton(page).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not reach the API' });
    await expect(alert).toBeVisible({ timeout: 45_000 });
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
    await expectFormKept(page);
  });

  test('a failing server offers a retry that works once it recovers', async ({ app }) => {
    const { page } = app;
    await pickTwo(page);
    app.emulator!.faults.failWritesNext = 10;
    await exportButton(page).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The API failed' });
    await expect(alert).toBeVisible({ timeout: 45_000 });
    await expectFormKept(page);
    app.emulator!.resetFaults();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await waitForPreview(page);
  });

  test('a request Nortech times out on even for a minute advises fewer signals or later, naming the slice', async ({ app }) => {
    const { page } = app;
    // Nortech times out on anything over 10 rows (a minute of these signals has 60): each chunk is
    // halved down to a minute, then the export fails.
    const slow = await startEmulator({ apiKey: 'slow-key', maxRowsPerRequest: 10 });
    try {
      await pickTwo(page, 'now-30d');
      await addConnection(page, 'Slow plant', slow.baseUrl, slow.apiKey);
      await exportButton(page).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Nortech took too long' });
      await expect(alert).toBeVisible({ timeout: 45_000 });
      // A shorter window cannot help once a minute's slice timed out: fewer signals or another time may.
      await expect(alert).toContainText(/fewer signals/i);
      await expect(alert).toContainText(/later/i);
      await expect(alert).toContainText(/While asking Nortech for the slice .+ → .+\./);
      await expect(alert.getByRole('button', { name: 'Use the last hour instead' })).toHaveCount(0);
      await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
      await expectFormKept(page, 'now-30d');
      // Every slice asked for was halved from the one before, down to a minute.
      const windows = slow.dataRequests.map((r) => r.window.end! - r.window.start);
      expect(Math.min(...windows)).toBeGreaterThanOrEqual(60_000);
      expect(Math.min(...windows)).toBeLessThan(120_000);
    } finally {
      await slow.close();
    }
  });

  test('signals the API no longer knows are marked in the selection', async ({ app }) => {
    const { page } = app;
    // A selection saved when a signal still existed: a real signal, and one under an ID the API does not know.
    const list = await callApi<{ signal: Record<string, unknown> }[]>(page, app.token, 'catalog.children', {
      connectionId: 'demo',
      path: [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle'],
    });
    const real = list.value![0]!.signal;
    const gone = { ...real, id: 987_654_321, name: 'Retired Sensor', rename: 'Retired Sensor' };
    const saved = await callApi(page, app.token, 'selections.save', {
      name: 'Old selection',
      connectionId: 'demo',
      signals: [{ ...real, rename: 'wind' }, gone],
      window: { start: 'now-1h', end: 'now', timeZone: 'UTC' },
      format: 'parquet',
    });
    expect(saved.ok).toBe(true);
    await page.reload();
    await page.getByRole('combobox', { name: 'Saved selection' }).selectOption({ label: 'Old selection' });
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await exportButton(page).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Some signals were not found' })).toBeVisible({ timeout: 45_000 });
    const item = selectedList(page).getByRole('listitem', { name: 'Retired Sensor' });
    await expect(item.getByText('Not found by the API')).toBeVisible();
    await expect(
      selectedList(page)
        .getByRole('listitem', { name: real.name as string })
        .getByText('Not found by the API'),
    ).toHaveCount(0);
  });

  test('Cancel stops an export during the download, keeping it for Resume', async ({ app }) => {
    const { page } = app;
    await pickTwo(page, 'now-30d');
    await page.getByRole('combobox', { name: 'Format' }).selectOption('csv');
    app.emulator!.faults.slowBodyBytesPerSec = 20_000;
    await exportButton(page).click();
    // Bytes are arriving: the first chunk is downloading.
    const facts = page.getByTestId('job-progress-facts');
    await expect(facts).toContainText(/\d+% · \d+ of \d+ chunks? · [\d,]+ rows · [1-9][\d.]* [KM]?B/, { timeout: 45_000 });
    await expect(page.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
    await screenshot(page, 'exporting');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Export cancelled.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
    // No chunk was complete: nothing to preview.
    await expect(page.getByRole('region', { name: 'Preview' }).getByText('Nothing to preview yet')).toBeVisible();
    await expectFormKept(page, 'now-30d');
  });
});
