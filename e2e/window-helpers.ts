/**
 * Steps a user takes in the window, shared by the window's specs. Everything is found by role and
 * accessible name, as a user (or a screen reader) would find it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { repoRoot } from './fixtures/launch-app';

export const WIND_FARM = 'Haldane Ridge Wind Farm';

/** Opens the tree along a path of names (workspace, asset, division, unit), waiting for each level. */
export async function openTreePath(page: Page, names: string[]): Promise<void> {
  const tree = page.getByRole('tree');
  for (const name of names) {
    const item = tree.getByRole('treeitem', { name, exact: true }).first();
    await expect(item).toBeVisible();
    if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
    await expect(item).toHaveAttribute('aria-expanded', 'true');
  }
}

/** Clicks "Add <name>" and waits for the signal in "Selected signals". */
export async function addSignal(page: Page, name: string): Promise<void> {
  await page
    .getByRole('button', { name: `Add ${name}`, exact: true })
    .first()
    .click();
  await expect(selectedList(page).getByRole('listitem', { name, exact: true })).toBeVisible();
}

/** The export form's window in UTC, as typed in its Start and End fields ("2026-11-10 00:00"). */
export async function setUtcWindow(page: Page, start: string, end: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('UTC');
  await page.getByRole('textbox', { name: 'Start' }).fill(start);
  await page.getByRole('textbox', { name: 'End' }).fill(end);
}

export const selectedList = (page: Page): Locator => page.getByRole('list', { name: 'Selected signals' });
export const previewRegion = (page: Page): Locator => page.getByRole('region', { name: 'Preview' });

/** Clicks Export and waits for the preview of the ready export. */
export async function exportAndWaitForPreview(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await waitForPreview(page);
}

/** Waits for the preview of a ready export; on failure says where the job was, to tell a hang from an error. */
export async function waitForPreview(page: Page): Promise<void> {
  try {
    await expect(page.getByTestId('preview-facts')).toBeVisible({ timeout: 45_000 });
  } catch (error) {
    const stage = await page
      .locator('.job-progress')
      .innerText()
      .catch(() => '(no job shown)');
    const alerts = await page.getByRole('alert').allInnerTexts();
    throw new Error(`No preview. Job: ${stage}. Alerts: ${alerts.join(' | ') || 'none'}`, { cause: error });
  }
}

/** Where the suite keeps screenshots of the main states (empty, browsing, exporting, preview, error). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(repoRoot, 'e2e-artifacts', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** A call to the main process as the page makes it (for setting up state a test needs, not for checking UI). */
export async function callApi<T>(
  page: Page,
  token: string,
  name: string,
  input: unknown,
): Promise<{ ok: boolean; value?: T; error?: { kind: string } }> {
  return page.evaluate(
    async ({ token, name, input }) => {
      const res = await fetch(`/api/call/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signal-explorer-token': token },
        body: JSON.stringify({ input }),
      });
      return res.json();
    },
    { token, name, input },
  );
}
