/**
 * The Content-Security-Policy of the built window, checked in a real Chromium against browser mode:
 * the policy arrives (meta tag in the built index.html, and the host's header), an injected inline
 * script does not run, and the app itself loads without breaking its own policy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, test } from './fixtures/launch-app';

type Probe = { ran: boolean; violations: string[] };

/** Adds an inline script (as an XSS would) and an inline event handler; reports what ran and what the browser refused. */
async function injectInlineScript(page: Page): Promise<Probe> {
  return page.evaluate(async () => {
    const w = window as unknown as { __injectedRan?: boolean };
    delete w.__injectedRan;
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__injectedRan = true;';
    document.head.appendChild(script);
    const img = document.createElement('div');
    img.innerHTML =
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onerror="window.__injectedRan = true" onload="window.__injectedRan = true">';
    document.body.appendChild(img);
    await new Promise((r) => setTimeout(r, 300));
    return { ran: w.__injectedRan === true, violations };
  });
}

/** Page code asking for eval (a string timer: Playwright's own evaluate is exempt from CSP) and a remote script. */
async function tryEvalAndRemoteScript(page: Page): Promise<{ evalRan: boolean; violations: string[] }> {
  return page.evaluate(async () => {
    const w = window as unknown as { __evalRan?: boolean };
    delete w.__evalRan;
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true', 0);
    const remote = document.createElement('script');
    remote.src = 'https://cdn.example.invalid/x.js';
    document.head.appendChild(remote);
    await new Promise((r) => setTimeout(r, 300));
    return { evalRan: w.__evalRan === true, violations };
  });
}

test.describe('the Content-Security-Policy', () => {
  test.use({ ownEmulator: false });

  test('the built index.html carries it as a meta tag, and browser mode sends it as a header', async ({ app }) => {
    const built = readFileSync(join(repoRoot, 'out', 'renderer', 'index.html'), 'utf8');
    expect(built).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self'/);
    const meta = await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain("script-src 'self'");
    expect(meta).not.toContain('unsafe-inline');

    const res = await app.page.request.get(app.url);
    const header = res.headers()['content-security-policy'] ?? '';
    expect(header).toContain("script-src 'self'");
    expect(header).toContain("connect-src 'self'");
    expect(header).toContain("frame-ancestors 'none'");
  });

  test('an injected inline script does not run (and does, on a page without the policy)', async ({ app, browser }) => {
    app.expectError(/^console error: Executing inline (script|event handler) violates the following Content Security Policy directive/);
    await expect(app.page.getByTestId('app-version')).toBeVisible();
    const inApp = await injectInlineScript(app.page);
    expect(inApp.ran).toBe(false);
    expect(inApp.violations).toEqual(expect.arrayContaining(['script-src-elem']));

    // The control: the very same injection runs where no policy applies, so the check above can fail.
    const plain = await browser.newPage();
    try {
      await plain.setContent('<!doctype html><html><head></head><body></body></html>');
      expect((await injectInlineScript(plain)).ran).toBe(true);
    } finally {
      await plain.close();
    }
  });

  test('eval (a string timer) and remote scripts are refused too (and run without the policy)', async ({ app, browser }) => {
    app.expectError(
      /^console error: Evaluating a string as JavaScript violates the following Content Security Policy directive/,
      /^console error: Loading the script 'https:\/\/cdn\.example\.invalid\/x\.js' violates the following Content Security Policy directive/,
    );
    const inApp = await tryEvalAndRemoteScript(app.page);
    expect(inApp.evalRan).toBe(false);
    expect(inApp.violations).toEqual(expect.arrayContaining(['script-src eval', 'script-src-elem https://cdn.example.invalid/x.js']));

    const plain = await browser.newPage();
    try {
      await plain.setContent('<!doctype html><html><head></head><body></body></html>');
      expect(await tryEvalAndRemoteScript(plain)).toEqual({ evalRan: true, violations: [] });
    } finally {
      await plain.close();
    }
  });

  test('the app loads without breaking its own policy', async ({ app }) => {
    const { page } = app;
    const refused: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) refused.push(msg.text());
    });
    // Record violations from the first byte of the next load.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy violation: ${e.effectiveDirective} ${e.blockedURI}`),
      );
    });
    await page.reload();
    await expect(page.getByTestId('app-version')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Browse' })).toBeVisible();
    await page.waitForTimeout(500);
    expect(refused).toEqual([]);
  });
});
