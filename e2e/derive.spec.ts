/**
 * Issue 26 §2–4: a derived signal and a condition typed in the window (a wrong function named where
 * it is, from the shared parser), exported and previewed (the derived column charted beside its
 * signal, the condition's bands, statistics and periods), saved; then "Copy as command line", pasted
 * into bash, gives the same file as the window's Save….
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, repoRoot, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, previewRegion, WIND_FARM, setUtcWindow } from './window-helpers';

const run = promisify(execFile);

test('a derived signal and a condition: typed, previewed, saved, and the copied command line gives the same file', async ({
  app,
  context,
}) => {
  test.setTimeout(120_000);
  const { page } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await openTreePath(page, [WIND_FARM, 'Substation HR-33', '33 kV Switchboard', 'Export Bay']);
  await addSignal(page, 'Busbar Voltage');
  await setUtcWindow(page, '2026-11-10 00:00', '2026-11-10 06:00');
  await page.getByRole('combobox', { name: 'Format' }).selectOption('csv');

  const editor = page.getByRole('group', { name: 'Derived signals and conditions' });
  await editor.getByRole('button', { name: 'Add derived signal' }).click();
  const derived = editor.getByRole('group', { name: 'Derived signal 1' });
  await derived.getByRole('textbox', { name: 'Name' }).fill('avg');
  await derived.getByRole('textbox', { name: 'Expression' }).fill('rollin_mean(`Busbar Voltage`, 10m)');
  await expect(derived.getByRole('alert')).toContainText('unknown function "rollin_mean" at position 0: did you mean rolling_mean?');
  await expect(derived.locator('mark')).toHaveText('rollin_mean');
  await derived.getByRole('textbox', { name: 'Expression' }).fill('rolling_mean(`Busbar Voltage`, 10m)');
  await expect(derived.getByRole('alert')).toHaveCount(0);
  await editor.getByRole('button', { name: 'Add condition' }).click();
  const condition = editor.getByRole('group', { name: 'Condition 1' });
  await condition.getByRole('textbox', { name: 'Condition name' }).fill('above');
  await condition.getByRole('textbox', { name: 'Condition', exact: true }).fill('`Busbar Voltage` > avg for >= 1m');
  await condition.getByRole('textbox', { name: 'Statistics of' }).fill('Busbar Voltage');
  await expect(editor.getByRole('alert')).toHaveCount(0);

  await exportAndWaitForPreview(page);
  const preview = previewRegion(page);
  // The derived column is one more column: in the legend and drawn as a line.
  const legend = preview.getByRole('group', { name: 'Signals shown' });
  await expect(legend.getByRole('button', { name: /^avg/ })).toBeVisible();
  await expect(preview.locator('path.series-line')).toHaveCount(2);
  const conditions = page.getByRole('region', { name: 'Conditions' });
  await expect(conditions.locator('.condition-summary')).toContainText(/\d+ periods?, true for/);
  const periodRows = conditions.getByRole('table', { name: 'Periods of above' }).locator('tbody tr');
  await expect(periodRows.first()).toBeVisible();

  // The periods are bands on the chart, where the x axis puts the table's times.
  const chart = preview.getByRole('figure', { name: /^Chart of Busbar Voltage, avg/ });
  const bands = chart.getByRole('img', { name: 'Bands of above' }).locator('rect[data-band="above"]');
  await expect(bands.first()).toBeVisible();
  const [rangeStart, rangeEnd] = [Number(await chart.getAttribute('data-range-start')), Number(await chart.getAttribute('data-range-end'))];
  const axis = (await chart.locator('.recharts-xAxis line.recharts-cartesian-axis-line').boundingBox())!;
  const xAt = (t: number) => axis.x + ((t - rangeStart) / (rangeEnd - rangeStart)) * axis.width;
  const grid = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
  const boxes = await bands.evaluateAll((rects) =>
    rects.map((r) => {
      const b = r.getBoundingClientRect();
      return { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
    }),
  );
  for (const b of boxes) {
    expect(b.right - b.left).toBeGreaterThan(0);
    expect(b.left).toBeGreaterThanOrEqual(axis.x - 0.5);
    expect(b.right).toBeLessThanOrEqual(axis.x + axis.width + 0.5);
    expect(b.top).toBeGreaterThanOrEqual(grid.y - 0.5);
    expect(b.bottom).toBeLessThanOrEqual(axis.y + 0.5);
    expect(b.bottom - b.top).toBeGreaterThan(grid.height / 2);
  }
  const utc = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);
  const periods = await periodRows.evaluateAll((rows) =>
    rows.map((r) => [...(r as HTMLTableRowElement).cells].slice(0, 2).map((c) => c.textContent!)),
  );
  expect(periods.length).toBeGreaterThan(0);
  for (const [start, end] of periods) {
    const [x0, x1] = [xAt(utc(start!)), xAt(utc(end!))];
    // Within a pixel (the table's times are to the second; bands narrower than a pixel are one pixel wide).
    expect(
      boxes.some((b) => b.left <= x0 + 1 && b.right >= x1 - 1),
      `a band from ${start} to ${end}`,
    ).toBe(true);
  }

  // The window's file.
  await page.getByRole('button', { name: 'Save…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save the data' });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  const windowFile = await readFile((await (await downloading).path())!, 'utf8');
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(windowFile.split('\n')[0]).toBe('timestamp,Busbar Voltage,avg');

  // The copied command line, pasted into a shell (the output put in a folder of the test's).
  await page.getByRole('button', { name: 'Copy as command line' }).click();
  const shown = await page.getByRole('textbox', { name: 'Copied command line' }).inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  expect(shown).toContain("--derive 'avg=rolling_mean(`Busbar Voltage`, 10m)'");
  const dir = await mkdtemp(join(tmpdir(), 'se-copied-'));
  try {
    const out = join(dir, 'copied.csv');
    const line = shown.replace(/--output export\.csv$/, `--output ${out}`);
    expect(line).not.toBe(shown);
    await run('bash', ['-c', line], { cwd: repoRoot, env: { ...process.env, NORTECH_API_KEY: app.emulator!.apiKey } });
    expect(await readFile(out, 'utf8')).toBe(windowFile);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
