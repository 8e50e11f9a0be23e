/**
 * Issue 26 §3: a condition's periods "exported as its own file": a condition typed, exported,
 * then Save conditions… as csv (a browser download in browser mode), read back: the file's periods
 * are the ones the window's periods table shows, and as many as its summary counts; Save as recipe…
 * then keeps a conditions file beside the recipe's data file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, WIND_FARM, setUtcWindow } from './window-helpers';

test('Save conditions… writes the periods the table shows, as csv; a recipe of the selection keeps its conditions file', async ({
  app,
}) => {
  test.setTimeout(90_000);
  const { page } = app;
  await openTreePath(page, [WIND_FARM, 'Substation HR-33', '33 kV Switchboard', 'Export Bay']);
  await addSignal(page, 'Busbar Voltage');
  await setUtcWindow(page, '2026-11-10 00:00', '2026-11-10 06:00');

  const editor = page.getByRole('group', { name: 'Derived signals and conditions' });
  await editor.getByRole('button', { name: 'Add derived signal' }).click();
  const derived = editor.getByRole('group', { name: 'Derived signal 1' });
  await derived.getByRole('textbox', { name: 'Name' }).fill('avg');
  await derived.getByRole('textbox', { name: 'Expression' }).fill('rolling_mean(`Busbar Voltage`, 10m)');
  await editor.getByRole('button', { name: 'Add condition' }).click();
  const condition = editor.getByRole('group', { name: 'Condition 1' });
  await condition.getByRole('textbox', { name: 'Condition name' }).fill('above');
  await condition.getByRole('textbox', { name: 'Condition', exact: true }).fill('`Busbar Voltage` > avg for >= 1m');
  await condition.getByRole('textbox', { name: 'Statistics of' }).fill('Busbar Voltage');
  await expect(editor.getByRole('alert')).toHaveCount(0);
  await exportAndWaitForPreview(page);

  const conditions = page.getByRole('region', { name: 'Conditions' });
  const summary = await conditions.locator('.condition-summary').innerText();
  const counted = Number(/^([\d,]+) periods?/.exec(summary)![1]!.replace(/,/g, ''));
  const rows = conditions.getByRole('table', { name: 'Periods of above' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const shown = await rows.evaluateAll((trs) => trs.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => c.textContent!)));

  await page.getByRole('button', { name: 'Save conditions…' }).click();
  const dialog = page.getByRole('dialog', { name: "Save the conditions' periods" });
  await dialog.getByRole('combobox', { name: 'File format' }).selectOption('csv');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-periods\.csv$/);
  await expect(dialog.getByRole('status')).toContainText('Your browser is downloading');
  const [head, ...lines] = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\n');
  expect(head).toBe('timestamp,condition,end,duration_s,min,max,mean,ended_by');
  expect(lines).toHaveLength(counted);

  // The table's times are UTC to the second, its numbers to 4 decimals (with thousands separators).
  const utc = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);
  const round = (x: string) => Math.round(Number(x) * 1e4) / 1e4;
  expect(shown.length).toBe(Math.min(counted, 200));
  shown.forEach(([start, end, , min, max, mean], i) => {
    const [fStart, name, fEnd, , fMin, fMax, fMean] = lines[i]!.split(',');
    expect(name).toBe('above');
    expect(Math.floor(Date.parse(fStart!) / 1000) * 1000).toBe(utc(start!));
    expect(Math.floor(Date.parse(fEnd!) / 1000) * 1000).toBe(utc(end!));
    expect([fMin, fMax, fMean].map((x) => round(x!))).toEqual([min, max, mean].map((x) => Number(x!.replace(/,/g, ''))));
  });

  // The selection as a recipe: its periods file, named after the data file, is kept.
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Save as recipe…' }).click();
  const form = page.getByRole('group', { name: 'Save as recipe' });
  await form.getByRole('textbox', { name: 'Recipe name' }).fill('Above');
  await expect(form.getByRole('textbox', { name: 'Conditions file name' })).toHaveValue('Above-{start:yyyy-MM-dd}-periods.csv');
  await form.getByRole('button', { name: 'Save recipe' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved recipe “Above”' })).toBeVisible();
  const [stored] = JSON.parse(await readFile(join(app.dataDir, 'recipes.json'), 'utf8')) as { recipe: { output: unknown } }[];
  expect(stored!.recipe.output).toMatchObject({ conditionsFileName: 'Above-{start:yyyy-MM-dd}-periods.csv' });
});
