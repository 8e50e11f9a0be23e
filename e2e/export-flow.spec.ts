import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, previewRegion, screenshot, selectedList, WIND_FARM } from './window-helpers';

test.describe('a plant engineer exports and previews signals', () => {
  test('browse, add three signals from two units, rename one, pick a quick range, export, see, zoom and save as csv', async ({ app }) => {
    const { page } = app;
    // Charts, dialogs and the download must live within the page's Content-Security-Policy.
    await page.evaluate(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await expect(page.getByText('No signals selected')).toBeVisible();
    await screenshot(page, 'empty');

    // Browse: the tree opens level by level; "Demo data" needs no account.
    await expect(page.getByRole('combobox', { name: 'Connection' })).toHaveValue('demo');
    await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
    await addSignal(page, 'Wind Speed');
    await addSignal(page, 'Ambient Temperature');
    await openTreePath(page, ['Rotor']);
    await addSignal(page, 'Rotor Speed');
    await expect(selectedList(page).getByRole('listitem')).toHaveCount(3);
    await screenshot(page, 'browsing');

    // Rename one column; a clash is refused as it is typed, then fixed.
    const rename = page.getByRole('textbox', { name: 'Column name for Rotor Speed' });
    await rename.fill('wind speed');
    await expect(page.getByRole('alert').filter({ hasText: 'Another signal has this column name' }).first()).toBeVisible();
    await rename.fill('Rotor rpm');
    await expect(page.getByText('Another signal has this column name')).toHaveCount(0);

    // A quick range fills Start and End and says in words which window it is.
    await page.getByRole('combobox', { name: 'Quick range' }).selectOption('Last 1 hour');
    await expect(page.getByRole('textbox', { name: 'Start' })).toHaveValue('now-1h');
    await expect(page.getByRole('textbox', { name: 'End' })).toHaveValue('now');
    await expect(page.getByTestId('window-summary')).toContainText('Last 1 hour');
    await page.getByRole('combobox', { name: 'Format' }).selectOption('parquet');

    await exportAndWaitForPreview(page);
    const preview = previewRegion(page);
    const legend = preview.getByRole('group', { name: 'Signals shown' });
    await expect(legend.getByRole('button')).toHaveCount(3);
    await expect(legend.getByRole('button', { name: /Rotor rpm/ })).toBeVisible();
    await expect(preview.locator('figure.chart')).toHaveCount(3); // one chart per physical unit
    await expect(preview.locator('path.series-line')).toHaveCount(3);
    // Each is a drawn line, not an empty path: a 1-minute signal beside 1-second ones included.
    // Polled: a chart's frame is drawn before its points arrive (on a loaded machine, after this
    // line was first read). (Whether a line breaks, and only where its data does, is chart-lines.spec.ts's.)
    const fewestSegments = () =>
      preview
        .locator('path.series-line')
        .evaluateAll((paths) => Math.min(...paths.map((p) => (p.getAttribute('d') ?? '').split('L').length - 1)));
    await expect.poll(fewestSegments).toBeGreaterThan(20);
    const facts = await page.getByTestId('preview-facts').innerText();
    const rowCount = Number(/([\d,]+) rows/.exec(facts)![1]!.replace(/,/g, ''));
    expect(rowCount).toBeGreaterThan(0);
    await screenshot(page, 'preview');

    // The legend hides and shows a signal.
    await legend.getByRole('button', { name: /Wind Speed/ }).click();
    await expect(legend.getByRole('button', { name: /Wind Speed/ })).toHaveAttribute('aria-pressed', 'false');
    await expect(preview.locator('path.series-line')).toHaveCount(2);
    await legend.getByRole('button', { name: /Wind Speed/ }).click();

    // Drag across a chart to zoom: the window asks the main process for that range's detail.
    const before = await page.getByTestId('chart-range').innerText();
    const surface = preview.locator('figure.chart .recharts-surface').first();
    const box = (await surface.boundingBox())!;
    const asked = page.waitForRequest((r) => r.url().endsWith('/api/call/preview.series') && (r.postData() ?? '').includes('"range"'));
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const request = JSON.parse((await asked).postData()!) as { input: { range: { start: number; end: number }; points: number } };
    expect(request.input.range.end).toBeGreaterThan(request.input.range.start);
    expect(request.input.points).toBeGreaterThan(100); // about the chart's width in pixels
    await expect(page.getByTestId('chart-range')).not.toHaveText(before);
    await expect(preview.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
    await preview.getByRole('button', { name: 'Reset zoom' }).click();
    await expect(page.getByTestId('chart-range')).toHaveText(before);

    // Table and statistics.
    await preview.getByRole('tab', { name: 'Table' }).click();
    await expect(preview.getByRole('table', { name: 'Rows' }).getByRole('columnheader')).toHaveText([
      'timestamp',
      'Wind Speed',
      'Ambient Temperature',
      'Rotor rpm',
    ]);
    await preview.getByRole('tab', { name: 'Statistics' }).click();
    await expect(preview.getByRole('table', { name: 'Statistics' }).getByRole('rowheader')).toHaveText([
      'Wind Speed',
      'Ambient Temperature',
      'Rotor rpm',
    ]);

    // Save… as csv: in browser mode the browser downloads the same rows.
    const requested = app.emulator!.dataRequests.length;
    await page.getByRole('button', { name: 'Save…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save the data' });
    await dialog.getByRole('combobox', { name: 'File format' }).selectOption('csv');
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split(/\r?\n/);
    expect(csv[0]!.split(',').map((c) => c.replace(/^"|"$/g, ''))).toEqual(['timestamp', 'Wind Speed', 'Ambient Temperature', 'Rotor rpm']);
    expect(csv.length - 1).toBe(rowCount);
    await expect(dialog.getByRole('status')).toContainText('downloading');

    // Another format and the Excel option on the same data: German Excel reads ';' and decimal commas.
    await dialog.getByRole('checkbox', { name: /CSV for Excel/ }).check();
    await dialog.getByRole('combobox', { name: 'Excel language' }).selectOption('de-DE');
    const downloadingExcel = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    const excel = await readFile((await (await downloadingExcel).path())!, 'utf8');
    expect(excel.startsWith('\uFEFF')).toBe(true);
    const excelLines = excel
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split(/\r?\n/);
    expect(excelLines[0]!.split(';')).toHaveLength(4);
    expect(excelLines.length - 1).toBe(rowCount);
    await dialog.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(dialog).toBeHidden();
    // The dialog's submits stayed in it: none reached the export form behind it to export again.
    expect(app.emulator!.dataRequests).toHaveLength(requested);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  });
});
