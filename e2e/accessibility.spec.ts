/**
 * axe-core audits the window against WCAG 2.1 A and AA in every state a user meets: the start, the
 * aggregated values, a preview's chart, coverage, table and statistics, an export running with its
 * preview filling in, a cancelled one, each dialog (Save… for parquet and Excel, History with a
 * stopped export, Settings, Connections), in the light and the dark theme.
 */
import { auditPage as audit } from './fixtures/axe-audit';
import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, previewRegion, WIND_FARM } from './window-helpers';

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
    await page.getByRole('combobox', { name: 'Quick range' }).selectOption('Last 24 hours');
    await check('selection');
    const values = page.getByRole('group', { name: 'Values' });
    await values.getByRole('radio', { name: 'One row every interval' }).check();
    await values.getByRole('combobox', { name: 'Interval' }).fill('7m');
    await expect(values.getByRole('alert')).toBeVisible();
    await check('selection: aggregated values, one refused');
    await values.getByRole('radio', { name: 'Raw values' }).check();

    await exportAndWaitForPreview(page);
    const preview = previewRegion(page);
    await expect(preview.locator('.charts')).toHaveAttribute('aria-busy', 'false');
    await check('preview: chart');
    // The cursor's readout, from the keyboard.
    await preview.getByRole('figure').first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(preview.locator('.cursor-readout')).toHaveCount(2);
    await check('preview: chart with the cursor');

    await preview.getByText('Coverage:').click();
    await expect(preview.getByRole('table', { name: 'Coverage' })).toBeVisible();
    await check('preview: coverage');

    await preview.getByRole('tab', { name: 'Table' }).click();
    await expect(preview.getByRole('table', { name: 'Rows' })).toBeVisible();
    await preview.getByRole('textbox', { name: 'Go to time' }).fill('not a time');
    await preview.getByRole('button', { name: 'Go', exact: true }).click();
    await expect(preview.getByRole('alert')).toBeVisible();
    await check('preview: table, go to time refused');
    await preview.getByRole('tab', { name: 'Statistics' }).click();
    await expect(preview.getByRole('table', { name: 'Statistics' })).toBeVisible();
    await check('preview: statistics');

    await page.getByRole('button', { name: 'Save…' }).click();
    const save = page.getByRole('dialog', { name: 'Save the data' });
    await expect(save).toBeVisible();
    await check('dialog: save');
    await save.getByRole('combobox', { name: 'File format' }).selectOption('xlsx');
    await save.getByRole('radio', { name: 'One row every interval' }).check();
    await check('dialog: save as Excel, another interval');
    await save.getByRole('radio', { name: /^S3/ }).check();
    await save.getByRole('textbox', { name: 'S3 URL' }).fill('s3://x');
    await check('dialog: save to S3, a URL refused as typed');
    await page.keyboard.press('Escape');

    // A long export, slowly downloaded: its preview fills in while it runs; then cancelled.
    await page.getByRole('textbox', { name: 'Start' }).fill('now-30d');
    app.emulator!.faults.slowBodyBytesPerSec = 10_000;
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await preview.getByRole('tab', { name: 'Chart' }).click();
    await expect(preview.getByTestId('chart-chunks')).toBeVisible({ timeout: 45_000 });
    await check('export running, its preview filling in');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
    await check('export cancelled');
    app.emulator!.resetFaults();

    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('dialog', { name: 'History' });
    await expect(history.getByRole('list', { name: 'Past exports' }).getByRole('button', { name: 'Resume' })).toBeVisible();
    await check('dialog: history, with a stopped export');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('spinbutton', { name: 'Chunks downloaded at once' }).fill('9');
    await expect(settings.getByRole('alert')).toBeVisible();
    await check('dialog: settings, a value refused');
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
