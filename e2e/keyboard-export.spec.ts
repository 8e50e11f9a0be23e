import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures/launch-app';
import { previewRegion, selectedList, WIND_FARM, waitForPreview } from './window-helpers';

/** Presses Tab until `target` has the focus, as a keyboard user moves through the window. */
async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the control');
}

const activeItem = (page: Page) =>
  page.evaluate(() => {
    const tree = document.querySelector('[role="tree"]');
    const id = tree?.getAttribute('aria-activedescendant');
    return id ? document.getElementById(id)?.getAttribute('aria-label') : null;
  });

test('an export done with the keyboard alone', async ({ app }) => {
  const { page } = app;
  const tree = page.getByRole('tree');
  await expect(tree.getByRole('treeitem', { name: WIND_FARM })).toBeVisible();

  await tabTo(page, tree);
  await expect(tree).toBeFocused();
  expect(await activeItem(page)).toBe(WIND_FARM);

  // Right opens a branch, Down moves into it: workspace > asset > division > unit.
  // A signal's row is named with its unit, as it shows it.
  for (const child of ['String A', 'WTG-A01', 'Nacelle', 'Wind Speed m/s']) {
    await page.keyboard.press('ArrowRight');
    await expect(tree.getByRole('treeitem', { name: child, exact: true }).first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    expect(await activeItem(page)).toBe(child);
  }
  await page.keyboard.press('Enter'); // adds Wind Speed
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter'); // adds Wind Direction
  await expect(selectedList(page).getByRole('listitem')).toHaveCount(2);
  // Left climbs back to the unit.
  await page.keyboard.press('ArrowLeft');
  expect(await activeItem(page)).toBe('Nacelle');

  // The quick ranges are a list: typing a range's first letters picks it.
  const quickRange = page.getByRole('combobox', { name: 'Quick range' });
  await tabTo(page, quickRange);
  await page.keyboard.type('Last 1 h');
  await expect(page.getByRole('textbox', { name: 'Start' })).toHaveValue('now-1h');

  const exportButton = page.getByRole('button', { name: 'Export', exact: true });
  await tabTo(page, exportButton);
  // The focus is visible where it is.
  const outline = await exportButton.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await waitForPreview(page);
  await expect(previewRegion(page).getByRole('group', { name: 'Signals shown' }).getByRole('button')).toHaveCount(2);

  // Save… opens its dialog with the focus inside; Escape closes it and the focus comes back.
  const save = page.getByRole('button', { name: 'Save…' });
  await tabTo(page, save);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Save the data' });
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(save).toBeFocused();
});
