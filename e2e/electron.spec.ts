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
      args: [repoRoot, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'se-electron-'))}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
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
});
