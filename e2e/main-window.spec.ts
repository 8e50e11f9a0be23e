import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, repoRoot, test } from './fixtures/launch-app';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };

test.describe('the main window in browser mode', () => {
  test.use({ ownEmulator: false }); // as a user runs it: the host embeds its own demo API

  test('opens with its title, its icon and the empty states of Browse, Selection and Preview', async ({ app }) => {
    const { page } = app;
    await expect(page).toHaveTitle('Signal Explorer');
    // The app's own icon, served as the page's other files are (no /favicon.ico 404 in the console: the fixture checks).
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const res = await page.request.get(new URL(icon!, app.url).href);
    expect([res.status(), res.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
    expect((await res.body()).equals(readFileSync(join(repoRoot, 'resources', 'icon.svg')))).toBe(true);
    await expect(page.getByRole('heading', { name: 'Browse' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Selection' })).toBeVisible();
    await expect(page.getByText('No signals selected')).toBeVisible();
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect(preview.getByText('Nothing to preview yet')).toBeVisible();
  });

  test('round-trips through the contract: app.info answers name and version', async ({ app }) => {
    await expect(app.page.getByTestId('app-version')).toHaveText(`Signal Explorer ${pkg.version}`);
    const answer = await app.page.evaluate(async (token) => {
      const res = await fetch('/api/call/app.info', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signal-explorer-token': token },
        body: '{}',
      });
      return res.json();
    }, app.token);
    expect(answer).toEqual({
      ok: true,
      value: { name: 'Signal Explorer', version: pkg.version, mode: 'browser', secretStorage: 'memory', platform: process.platform },
    });
  });

  test('refuses a call without the token, from the page itself', async ({ app }) => {
    app.expectError('POST /api/call/app.info → 403', 'status of 403 (Forbidden) (at /api/call/app.info)');
    const status = await app.page.evaluate(async () => (await fetch('/api/call/app.info', { method: 'POST', body: '{}' })).status);
    expect(status).toBe(403);
  });
});
