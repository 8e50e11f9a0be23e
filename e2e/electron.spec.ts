/**
 * The real desktop app through Playwright's `_electron`. It needs Electron's binary, which is fetched
 * on first launch: offline (as in CI here) the spec is skipped, saying so.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { repoRoot } from './fixtures/launch-app';

function electronBinary(): string | null {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathTxt = join(pkgDir, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const binary = join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test.describe('the desktop app', () => {
  test.skip(!binary, 'No Electron binary on this machine (it is fetched on first launch, and this machine is offline).');

  test('opens the main window on the built app, with the bridge', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [repoRoot, `--data-dir=${mkdtempSync(join(tmpdir(), 'se-electron-'))}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle('Signal Explorer');
      await expect(page.getByTestId('app-version')).toContainText('Signal Explorer');
      expect(await page.evaluate(() => typeof (window as unknown as { api?: unknown }).api)).toBe('object');
    } finally {
      await app.close();
    }
  });

  test('holds the window to the security checklist', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [repoRoot, `--data-dir=${mkdtempSync(join(tmpdir(), 'se-electron-'))}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('app-version')).toBeVisible();

      // getLastWebPreferences is undocumented (so untyped) but is what Electron's own tests read.
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as
          { getLastWebPreferences(): Record<string, unknown> } | undefined;
        return contents?.getLastWebPreferences();
      });
      expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false });

      // The page has no Node: only the contract's methods on window.api, nothing generic.
      const page$ = await page.evaluate(() => {
        const api = (window as unknown as { api: Record<string, Record<string, unknown>> }).api;
        return {
          require: typeof (globalThis as { require?: unknown }).require,
          process: typeof (globalThis as { process?: unknown }).process,
          module: typeof (globalThis as { module?: unknown }).module,
          members: Object.entries(api).flatMap(([domain, methods]) => Object.keys(methods).map((m) => `${domain}.${m}`)),
          allFunctions: Object.values(api).every((methods) => Object.values(methods).every((f) => typeof f === 'function')),
        };
      });
      expect(page$).toMatchObject({ require: 'undefined', process: 'undefined', module: 'undefined', allFunctions: true });
      expect(page$.members).toContain('app.info');
      expect(page$.members.filter((m) => /invoke|send|ipc|require/i.test(m))).toEqual([]);

      // The built page carries the CSP.
      await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self'/);

      // No navigation away, no new window, no permission. (No https URL here: it would open the system browser.)
      const before = page.url();
      await page.evaluate(() => void (location.href = 'file:///etc/hosts'));
      await page.waitForTimeout(500);
      expect(page.url()).toBe(before);
      expect(await page.evaluate(() => window.open('file:///etc/hosts') === null)).toBe(true);
      expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
      expect(app.windows()).toHaveLength(1);

      // The standard menus are there.
      const menus = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => i.label.replace('&', '')) ?? []);
      expect(menus).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Window', 'Help']));
    } finally {
      await app.close();
    }
  });
});
