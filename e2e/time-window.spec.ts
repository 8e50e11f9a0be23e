import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, previewRegion, selectedList, WIND_FARM } from './window-helpers';

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Today's date on the wall calendar of `zone`, as a UTC midnight (for day arithmetic here). */
function todayIn(zone: string): number {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}
/** `2026-11-25`, as the inputs write a date. */
const isoDay = (day: number) => new Date(day).toISOString().slice(0, 10);
/** `25 Nov 2026`, as the summary writes a date. */
const shownDay = (day: number) => {
  const d = new Date(day);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

async function chooseSignal(page: Page) {
  await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
  await addSignal(page, 'Ambient Temperature'); // one value a minute
}

test('a window typed in another time zone is read, summarised and shown in that zone', async ({ app }) => {
  const { page } = app;
  await chooseSignal(page);

  const day = isoDay(todayIn('Asia/Tokyo') - DAY);
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Asia/Tokyo');
  await page.getByRole('textbox', { name: 'Start' }).fill(`${day} 08:00`);
  await page.getByRole('textbox', { name: 'End' }).fill(`${day} 09:00`);
  const summary = page.getByTestId('window-summary');
  await expect(summary).toContainText('08:00 →');
  await expect(summary).toContainText('(Asia/Tokyo), 1 h');

  // Relative expressions work in any zone.
  await page.getByRole('textbox', { name: 'Start' }).fill('now-6h');
  await page.getByRole('textbox', { name: 'End' }).fill('now-5h');
  await expect(summary).toContainText('1 h');
  await page.getByRole('textbox', { name: 'Start' }).fill(`${day} 08:00`);
  await page.getByRole('textbox', { name: 'End' }).fill(`${day} 09:00`);

  await exportAndWaitForPreview(page);
  await expect(page.getByTestId('preview-facts')).toContainText('60 rows');
  const preview = previewRegion(page);
  await preview.getByRole('tab', { name: 'Table' }).click();
  // Timestamps are shown in the chosen zone: the first row is 08:00 Tokyo time.
  await expect(preview.getByRole('table', { name: 'Rows' }).getByRole('row').nth(1).getByRole('cell').first()).toHaveText(
    `${day} 08:00:00`,
  );

  // Changing the zone keeps the same instants: the inputs are rewritten in the new zone.
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('UTC');
  const utcDay = new Date(Date.parse(`${day}T08:00:00+09:00`)).toISOString().slice(0, 10); // the day before
  await expect(page.getByRole('textbox', { name: 'Start' })).toHaveValue(`${utcDay} 23:00:00`);
  await expect(preview.getByRole('table', { name: 'Rows' }).getByRole('row').nth(1).getByRole('cell').first()).toHaveText(/ 23:00:00$/);
});

test('quick ranges are expressions: Previous week and Yesterday resolve in the zone, follow the week start, and stay relative when saved', async ({
  app,
}) => {
  const { page } = app;
  await chooseSignal(page);
  const quick = page.getByRole('combobox', { name: 'Quick range' });
  const start = page.getByRole('textbox', { name: 'Start' });
  const end = page.getByRole('textbox', { name: 'End' });
  const summary = page.getByTestId('window-summary');
  // Tokyo has no daylight saving: every day there is 24 hours.
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Asia/Tokyo');
  const today = todayIn('Asia/Tokyo');

  await quick.selectOption('Previous week');
  await expect(start).toHaveValue('now-1w/w');
  await expect(end).toHaveValue('now-1w/w');
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  await expect(summary).toHaveText(
    `Previous week: Mon, ${shownDay(monday - 7 * DAY)}, 00:00 → Mon, ${shownDay(monday)}, 00:00 (Asia/Tokyo), 7 days`,
  );

  // Weeks that start on Sunday (Settings) move the same expression.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('combobox', { name: 'Weeks start on' }).selectOption('Sunday');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings).toBeHidden();
  const sunday = today - new Date(today).getUTCDay() * DAY;
  await expect(summary).toHaveText(
    `Previous week: Sun, ${shownDay(sunday - 7 * DAY)}, 00:00 → Sun, ${shownDay(sunday)}, 00:00 (Asia/Tokyo), 7 days`,
  );

  await quick.selectOption('Yesterday');
  await expect(start).toHaveValue('now-1d/d');
  await expect(end).toHaveValue('now-1d/d');
  await expect(summary).toContainText(`Yesterday: `);
  await expect(summary).toContainText(`${shownDay(today - DAY)}, 00:00 → `);
  await expect(summary).toContainText(`${shownDay(today)}, 00:00 (Asia/Tokyo), 1 day`);

  // Typing a range's expressions is that range.
  await start.fill('now/d');
  await end.fill('now');
  await expect(quick).toHaveValue('Today so far');
  await start.fill('now-1d/d');
  await end.fill('now-1d/d');
  await expect(quick).toHaveValue('Yesterday');

  // Saved as "Yesterday", it reopens as the expressions, not as yesterday's absolute times.
  await page.getByRole('button', { name: 'Save selection…' }).click();
  await page.getByRole('textbox', { name: 'Selection name' }).fill('Yesterday in Tokyo');
  await page.getByRole('button', { name: 'Save selection', exact: true }).click();
  // Saved once the window shows it chosen (a reload before that raced the save: the list came back without it).
  const saved = page.getByRole('combobox', { name: 'Saved selection' });
  await expect(saved.locator('option:checked')).toHaveText('Yesterday in Tokyo');
  await page.reload();
  await expect(page.getByText('No signals selected')).toBeVisible();
  await saved.selectOption({ label: 'Yesterday in Tokyo' });
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(start).toHaveValue('now-1d/d');
  await expect(end).toHaveValue('now-1d/d');
  await expect(quick).toHaveValue('Yesterday');
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Asia/Tokyo');
  await expect(summary).toContainText(`${shownDay(today)}, 00:00 (Asia/Tokyo), 1 day`);
});

test('a wrong expression is pointed at in its field, and nothing else on the form is lost', async ({ app }) => {
  const { page } = app;
  await chooseSignal(page);
  await page.getByRole('textbox', { name: 'Column name for Ambient Temperature' }).fill('ambient');
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Europe/Lisbon');
  await page.getByRole('combobox', { name: 'Format' }).selectOption('csv');
  const start = page.getByRole('textbox', { name: 'Start' });
  const end = page.getByRole('textbox', { name: 'End' });
  await start.fill('now-2d/d');

  await end.fill('now-1x');
  const endError = page.locator('.field').filter({ has: end }).getByRole('alert');
  await expect(endError).toHaveText('unknown unit "x" at position 5: units are s, m, h, d, w, M (months) or y');
  await expect(end).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('window-summary')).toHaveText('The window is not complete yet.');
  // Export is refused at the field, and nothing is asked of the API.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(endError).toBeVisible();
  await expect(previewRegion(page).getByTestId('preview-facts')).toHaveCount(0);

  await end.fill('now-1d/D');
  await expect(endError).toContainText('unknown unit "D" at position 7: did you mean "d"?');
  await end.fill('2026-02-30');
  await expect(endError).toHaveText('February 2026 has no day 30 at position 8');

  // Everything else is as it was.
  await expect(selectedList(page).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: 'Column name for Ambient Temperature' })).toHaveValue('ambient');
  await expect(start).toHaveValue('now-2d/d');
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Lisbon');
  await expect(page.getByRole('combobox', { name: 'Format' })).toHaveValue('csv');

  await end.fill('now-2d/d');
  await expect(endError).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Quick range' })).toHaveValue('Day before yesterday');
  await expect(page.getByTestId('window-summary')).toContainText('(Europe/Lisbon)');
});
