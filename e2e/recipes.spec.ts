import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startEmulator, type Emulator } from '../src-main/emulator';
import { expect, startHost, stopHost, test } from './fixtures/launch-app';
import { addSignal, openTreePath, WIND_FARM } from './window-helpers';

const DAY = 86_400_000;

/** The Monday that starts the previous week, in UTC, as `2026-11-23`. */
function previousMonday(now: number): string {
  const today = Math.floor(now / DAY) * DAY;
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  return new Date(monday - 7 * DAY).toISOString().slice(0, 10);
}

test('Previous week saved as a recipe and scheduled runs by itself: History shows the run and its file is written', async ({ app }) => {
  // The run is due at the next minute's start: up to a minute of waiting for it, by its state.
  test.setTimeout(180_000);
  const { page, dataDir } = app;
  await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
  await addSignal(page, 'Ambient Temperature');
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('UTC');
  await page.getByRole('combobox', { name: 'Quick range' }).selectOption('Previous week');
  await expect(page.getByRole('textbox', { name: 'Start' })).toHaveValue('now-1w/w');

  await page.getByRole('button', { name: 'Save as recipe…' }).click();
  const form = page.getByRole('group', { name: 'Save as recipe' });
  await form.getByRole('textbox', { name: 'Recipe name' }).fill('Weekly temps');
  const fileName = form.getByRole('textbox', { name: 'File name' });
  await expect(fileName).toHaveValue('Weekly-temps-{start:yyyy-MM-dd}.parquet');
  // Checked as typed, at the field; what was typed stays.
  await fileName.fill('Weekly-temps-{week}.parquet');
  await expect(form.getByRole('alert')).toContainText('Unknown placeholder {week}');
  await form.getByRole('button', { name: 'Save recipe' }).click();
  await expect(form.getByRole('textbox', { name: 'Recipe name' })).toHaveValue('Weekly temps');
  await fileName.fill('Weekly-temps-{start:yyyy-MM-dd}.parquet');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: 'Save recipe' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved recipe “Weekly temps”' })).toBeVisible();

  await page.getByRole('button', { name: 'Recipes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recipes' });
  const recipe = dialog.getByRole('listitem', { name: 'Weekly temps' });
  await expect(recipe).toContainText('now-1w/w → now-1w/w (UTC)');

  // Every minute: the next minute's run is the scheduled one.
  await recipe.getByRole('button', { name: 'Add schedule…' }).click();
  const editor = recipe.getByRole('group', { name: 'New schedule' });
  await editor.getByRole('combobox', { name: 'Repeat' }).selectOption('cron');
  await editor.getByRole('textbox', { name: 'Cron expression' }).fill('');
  await expect(editor.getByRole('alert')).toContainText('Enter a cron expression');
  await expect(editor.getByRole('button', { name: 'Save schedule' })).toBeDisabled();
  await editor.getByRole('textbox', { name: 'Cron expression' }).fill('* * * * *');
  await editor.getByRole('button', { name: 'Save schedule' }).click();
  const schedule = recipe.getByRole('listitem', { name: 'Schedule Cron * * * * *' });
  await expect(schedule).toContainText('Not run yet');

  // Run outside the app: the recipe file's command line and the schedule's cron line.
  await schedule.getByRole('button', { name: 'Run outside the app' }).click();
  const outside = schedule.getByRole('group', { name: 'Run outside the app' });
  await expect(outside.getByLabel('Command line', { exact: true })).toContainText(/ run \S+\.recipe\.json/);
  await expect(outside.getByLabel('Cron line', { exact: true })).toContainText('CRON_TZ=UTC');
  await expect(outside.getByText('systemd’s calendar cannot say this cron expression')).toBeVisible();
  await expect(outside.getByRole('button', { name: 'Copy Command line' })).toBeVisible();

  // The scheduled run (the schedules' list is polled) and its file.
  await expect(schedule).toContainText('Last run for', { timeout: 120_000 });
  await expect(schedule.getByRole('alert')).toHaveCount(0);
  const file = join(dataDir, 'exports', 'recipes', `Weekly-temps-${previousMonday(Date.now() - 60_000)}.parquet`);
  expect(existsSync(file)).toBe(true);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'History' }).click();
  const entries = page.getByRole('dialog', { name: 'History' }).getByRole('list', { name: 'Past exports' }).getByRole('listitem');
  await expect(entries.first()).toContainText('Done');
  await expect(entries.first()).toContainText('1 signal: Ambient Temperature');
  await page.getByRole('dialog', { name: 'History' }).getByRole('button', { name: 'Close' }).click();

  // Run now for the same week: the file holds it already.
  await page.getByRole('button', { name: 'Recipes' }).click();
  await recipe.getByRole('button', { name: 'Run now' }).click();
  await expect(recipe.getByRole('status')).toContainText(`Already saved: ${file}`);
  await recipe.getByRole('button', { name: 'Delete recipe' }).click();
  await expect(dialog.getByText('No recipes yet')).toBeVisible();
});

/** Saves the selection's Previous week as a recipe named `name` (UTC, one signal). */
async function savePreviousWeek(page: Page, name: string) {
  await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
  await addSignal(page, 'Ambient Temperature');
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('UTC');
  await page.getByRole('combobox', { name: 'Quick range' }).selectOption('Previous week');
  await page.getByRole('button', { name: 'Save as recipe…' }).click();
  const form = page.getByRole('group', { name: 'Save as recipe' });
  await form.getByRole('textbox', { name: 'Recipe name' }).fill(name);
  await form.getByRole('button', { name: 'Save recipe' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved recipe “${name}”` })).toBeVisible();
}

test('a daily schedule catches up the runs missed while the app was closed: restarted three days later, History has them', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const SHIFT = 3 * DAY;
  const dataDir = await mkdtemp(join(tmpdir(), 'signal-explorer-e2e-'));
  // The whole world moves three days on: the host's schedules' clock and the emulator's data.
  const before = await startEmulator({ apiKey: 'e2e-key-0123456789abcdef' });
  const after = await startEmulator({ apiKey: 'e2e-key-0123456789abcdef', now: () => Date.now() + SHIFT });
  const demo = (e: Emulator) => ['--demo-api-url', e.baseUrl, '--demo-api-key', e.apiKey];
  let host = await startHost(dataDir, demo(before));
  try {
    await page.goto(host.url);
    await savePreviousWeek(page, 'Weekly temps');
    // Daily an hour from now: due today, tomorrow and the day after, before the restart's "now".
    const created = Date.now();
    const at = new Date(created + 3_600_000);
    const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
    await page.getByRole('button', { name: 'Recipes' }).click();
    const recipe = page.getByRole('dialog', { name: 'Recipes' }).getByRole('listitem', { name: 'Weekly temps' });
    await recipe.getByRole('button', { name: 'Add schedule…' }).click();
    const editor = recipe.getByRole('group', { name: 'New schedule' });
    await editor.getByRole('textbox', { name: 'At' }).fill(time);
    await expect(editor.getByRole('textbox', { name: 'Schedule time zone' })).toHaveValue('UTC');
    await editor.getByRole('button', { name: 'Save schedule' }).click();
    await expect(recipe.getByRole('listitem', { name: `Schedule Daily at ${time}` })).toContainText('Not run yet');

    await stopHost(host.child);
    host = await startHost(dataDir, demo(after), { SIGNAL_EXPLORER_TEST_CLOCK_SHIFT_MS: String(SHIFT) });
    await page.goto(host.url);
    // The runs' instants (to the minute), each for its own previous week; a week already saved is skipped.
    const first = Math.floor((created + 3_600_000) / 60_000) * 60_000;
    const runs = [0, 1, 2].map((d) => first + d * DAY);
    const files = [...new Set(runs.map((r) => `Weekly-temps-${previousMonday(r)}.parquet`))];
    await page.getByRole('button', { name: 'Recipes' }).click();
    const schedule = page
      .getByRole('dialog', { name: 'Recipes' })
      .getByRole('listitem', { name: 'Weekly temps' })
      .getByRole('listitem', { name: `Schedule Daily at ${time}` });
    const last = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(runs[2]!);
    await expect(schedule).toContainText(`Last run for ${last}`, { timeout: 120_000 });
    await expect(schedule.getByRole('alert')).toHaveCount(0);
    for (const f of files) expect(existsSync(join(dataDir, 'exports', 'recipes', f)), f).toBe(true);
    await page.getByRole('dialog', { name: 'Recipes' }).getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'History' }).click();
    const entries = page.getByRole('dialog', { name: 'History' }).getByRole('list', { name: 'Past exports' }).getByRole('listitem');
    await expect(entries).toHaveCount(files.length);
    for (let i = 0; i < files.length; i++) await expect(entries.nth(i)).toContainText('Done');
  } finally {
    await stopHost(host.child);
    await before.close();
    await after.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a recipe and its schedule are changed in place: renamed, its window checked as typed, the schedule moved, paused and resumed', async ({
  app,
}) => {
  const { page } = app;
  await savePreviousWeek(page, 'Weekly temps');
  await page.getByRole('button', { name: 'Recipes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recipes' });
  await dialog.getByRole('listitem', { name: 'Weekly temps' }).getByRole('button', { name: 'Add schedule…' }).click();
  await dialog.getByRole('group', { name: 'New schedule' }).getByRole('button', { name: 'Save schedule' }).click();

  await dialog.getByRole('listitem', { name: 'Weekly temps' }).getByRole('button', { name: 'Edit recipe…' }).click();
  const form = dialog.getByRole('group', { name: 'Edit recipe' });
  await expect(form.getByRole('textbox', { name: 'Start' })).toHaveValue('now-1w/w');
  // A wrong expression is said at its field and nothing can be saved; what was typed stays.
  await form.getByRole('textbox', { name: 'Start' }).fill('now-1x');
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  await form.getByRole('textbox', { name: 'Start' }).fill('now-1d/d');
  await form.getByRole('textbox', { name: 'End' }).fill('now-1d/d');
  await form.getByRole('textbox', { name: 'Recipe name' }).fill('Daily temps');
  await form.getByRole('textbox', { name: 'File name' }).fill('Daily-temps-{start:yyyy-MM-dd}.csv');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: 'Save changes' }).click();
  const recipe = dialog.getByRole('listitem', { name: 'Daily temps' });
  await expect(recipe).toContainText('now-1d/d → now-1d/d (UTC)');
  await expect(recipe).toContainText('recipes/Daily-temps-{start:yyyy-MM-dd}.csv');

  // The schedule stayed with the renamed recipe; moved to 07:15, then paused and resumed.
  await recipe.getByRole('listitem', { name: 'Schedule Daily at 06:00' }).getByRole('button', { name: 'Edit schedule…' }).click();
  const editor = recipe.getByRole('group', { name: 'Edit schedule' });
  await expect(editor.getByRole('textbox', { name: 'At' })).toHaveValue('06:00');
  await editor.getByRole('textbox', { name: 'At' }).fill('07:15');
  await editor.getByRole('button', { name: 'Save schedule' }).click();
  const schedule = recipe.getByRole('listitem', { name: 'Schedule Daily at 07:15' });
  await expect(schedule).toBeVisible();
  await expect(recipe.getByRole('listitem', { name: /^Schedule / })).toHaveCount(1);
  await schedule.getByRole('button', { name: 'Pause' }).click();
  await expect(schedule).toContainText('Paused');
  await schedule.getByRole('button', { name: 'Resume' }).click();
  await expect(schedule.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(schedule).not.toContainText('Paused');
});
