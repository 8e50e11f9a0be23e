/**
 * axe-core audits the window against WCAG 2.1 A and AA in every state a user meets: the start, a
 * preview's chart, table and statistics, each dialog, in the light and the dark theme.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, previewRegion, WIND_FARM } from './window-helpers';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The violations axe finds in the page as it is, each with the elements at fault. */
async function audit(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no WCAG 2.1 A/AA violation in any state, ${colorScheme} theme`, async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await page.emulateMedia({ colorScheme });
    const found: Record<string, string[]> = {};
    const check = async (state: string) => {
      found[state] = await audit(page);
    };

    await expect(page.getByText('No signals selected')).toBeVisible();
    await check('start');

    await openTreePath(page, [WIND_FARM, 'Met Mast M1', 'Instruments', 'Mast Base']);
    await addSignal(page, 'Air Temperature');
    await addSignal(page, 'Relative Humidity');
    await page.getByRole('treeitem', { name: 'Air Temperature (legacy sensor) °C' }).click();
    await expect(page.getByRole('region', { name: 'Details of Air Temperature (legacy sensor)' })).toBeVisible();
    await page.getByRole('button', { name: 'Last 24 hours', exact: true }).click();
    await check('selection');

    await exportAndWaitForPreview(page);
    const preview = previewRegion(page);
    await expect(preview.locator('.charts')).toHaveAttribute('aria-busy', 'false');
    await check('preview: chart');
    // The cursor's readout, from the keyboard.
    await preview.getByRole('figure').first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(preview.locator('.cursor-readout')).toHaveCount(2);
    await check('preview: chart with the cursor');

    await preview.getByRole('tab', { name: 'Table' }).click();
    await expect(preview.getByRole('table', { name: 'Rows' })).toBeVisible();
    await check('preview: table');
    await preview.getByRole('tab', { name: 'Statistics' }).click();
    await expect(preview.getByRole('table', { name: 'Statistics' })).toBeVisible();
    await check('preview: statistics');

    await page.getByRole('button', { name: 'Save…' }).click();
    await expect(page.getByRole('dialog', { name: 'Save the data' })).toBeVisible();
    await check('dialog: save');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'History' }).click();
    await expect(page.getByRole('dialog', { name: 'History' }).getByRole('list', { name: 'Past exports' })).toBeVisible();
    await check('dialog: history');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Connections…' }).click();
    const connections = page.getByRole('dialog', { name: 'Connections' });
    await expect(connections.getByRole('list', { name: 'Connections' })).toBeVisible();
    await check('dialog: connections');
    await connections.getByRole('button', { name: 'Add connection' }).click();
    await expect(connections.getByRole('textbox', { name: 'Name' })).toBeVisible();
    await check('dialog: add a connection');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Hide Browse' }).click();
    await page.getByRole('button', { name: 'Hide Selection' }).click();
    await check('panes folded');

    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((state) => [state, []])));
  });
}
