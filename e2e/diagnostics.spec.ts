import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '../src-main/emulator';
import { auditPage } from './fixtures/axe-audit';
import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, screenshot, setUtcWindow, WIND_FARM } from './window-helpers';

/*
 * What a user sends us when something goes wrong, in browser mode: a connection whose key is a
 * canary, an export on it, then "Copy diagnostics": the text on the clipboard is the text shown,
 * complete (versions, system, settings, connections, log lines of that export) and without the
 * canary. "Open log folder" shows where the log is when no file manager can open it.
 */

const CANARY = 'sk-e2e-CANARY-9b1f4c27d6e3a805';

test('Copy diagnostics: complete, the same on the clipboard as on screen, and no key in it', async ({ app, context }) => {
  const { page } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  const plant = await startEmulator({ apiKey: CANARY });
  try {
    await page.getByRole('button', { name: 'Connections…' }).click();
    const connections = page.getByRole('dialog', { name: 'Connections' });
    await connections.getByRole('button', { name: 'Add connection' }).click();
    await connections.getByRole('textbox', { name: 'Name' }).fill('Plant north');
    await connections.getByRole('textbox', { name: 'API URL' }).fill(plant.baseUrl);
    await connections.getByLabel('API key').fill(CANARY);
    await connections.getByRole('button', { name: 'Save connection' }).click();
    await expect(connections.getByRole('listitem').filter({ hasText: 'Plant north' })).toBeVisible();
    await connections.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('combobox', { name: 'Connection' }).locator('option:checked')).toHaveText('Plant north');

    await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
    await addSignal(page, 'Wind Speed');
    await setUtcWindow(page, '2025-05-01 00:00', '2025-05-01 01:00');
    await exportAndWaitForPreview(page);
    expect(plant.dataRequests.length).toBeGreaterThan(0);

    await page.getByRole('contentinfo').getByRole('button', { name: 'Copy diagnostics' }).click();
    const dialog = page.getByRole('dialog', { name: 'Diagnostics' });
    await expect(dialog.getByRole('status')).toHaveText(/^Copied to the clipboard/);
    await screenshot(page, 'diagnostics');
    const text = await dialog.getByRole('textbox', { name: 'Diagnostics text' }).inputValue();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    expect(text).toMatch(/^Signal Explorer diagnostics, \d{4}-\d\d-\d\dT/);
    expect(text).toMatch(/App: Signal Explorer \d+\.\d+\.\d+, browser mode, API keys kept: memory/);
    expect(text).toMatch(/OS: linux /);
    expect(text).toMatch(/Runtime: Node \d+\.\d+\.\d+/);
    expect(text).toMatch(/Window: Mozilla\/5\.0 .*Chrome\/\d+/);
    expect(text).toMatch(/Libraries: .*fastify \d+\.\d+\.\d+.*zod \d+\.\d+\.\d+/);
    expect(text).toMatch(/^Settings: \{"concurrency":3,"cacheLimitGb":20,"weekStart":"\w+"[^\n]*\}$/m);
    expect(text).toContain(`- Plant north: ${plant.baseUrl}, key in memory for this session`);
    expect(text).toMatch(/Last \d+ log lines:/);
    for (const msg of ['Signal Explorer started', 'Browser host listening', 'Export started', 'Export finished', 'Diagnostics asked for']) {
      expect(text).toContain(`"msg":"${msg}"`);
    }
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain('CANARY');
    expect(text).not.toContain(app.token);

    // The log on disk holds no key or token either.
    const logDir = join(app.dataDir, 'logs');
    for (const file of await readdir(logDir)) {
      const log = await readFile(join(logDir, file), 'utf8');
      expect(log).not.toContain('CANARY');
      expect(log).not.toContain(app.token);
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  } finally {
    await plant.close();
  }
});

test('Open log folder: where no file manager opens it, its path is shown to copy', async ({ app }) => {
  // The host inherits this environment: with a desktop, xdg-open would open a real file manager.
  test.skip(
    process.platform !== 'linux' || !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY),
    'a desktop is here: a file manager would open',
  );
  const { page } = app;
  await page.getByRole('contentinfo').getByRole('button', { name: 'Open log folder' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log folder' });
  // No desktop: xdg-open is absent or fails.
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(dialog).toContainText('could not open a file manager here');
  await expect(dialog.getByRole('textbox', { name: 'Log folder path' })).toHaveValue(join(app.dataDir, 'logs'));
});

test('the footer and the Diagnostics dialog pass WCAG 2.1 A/AA in both themes', async ({ app }) => {
  const { page } = app;
  const footer = page.getByRole('contentinfo');
  const violations: Record<string, string[]> = {};
  const audit = async (state: string) => {
    violations[state] = await auditPage(page);
  };
  // With the dialog open, axe audits the dialog and the footer behind it (one pass each theme).
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await footer.getByRole('button', { name: 'Copy diagnostics' }).click();
    const dialog = page.getByRole('dialog', { name: 'Diagnostics' });
    await expect(dialog.getByRole('textbox', { name: 'Diagnostics text' })).toBeVisible();
    await audit(`${colorScheme}: diagnostics`);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
  expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
});
