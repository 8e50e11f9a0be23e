/**
 * Live, as a user follows two signals: the charts fill with the last minutes of history, then
 * scroll as new points come (the newest point's time advances, the drawn line moves left), a 503
 * storm shows "retrying" with its reason and passes, Stop holds everything still and Resume goes
 * on. The emulator runs on the real clock; Live polls every 0.3 s (set in Settings, as a user
 * would), so nothing waits minutes.
 */
import type { Locator, Page } from '@playwright/test';
import { auditPage } from './fixtures/axe-audit';
import { expect, test } from './fixtures/launch-app';
import { addSignal, openTreePath, WIND_FARM } from './window-helpers';

const VELOCITY = 'Main Bearing Velocity RMS';
const ACCELERATION = 'Main Bearing Acceleration RMS';
/** The plot inside a live chart's SVG: x from the y-axis' width to the right margin (LiveChart.tsx). */
const PLOT_LEFT = 64;
const PLOT_RIGHT_MARGIN = 12;

/** What a live chart shows of one line, read from its SVG as drawn: its first and last point as instants. */
async function drawn(chart: Locator, column: string): Promise<{ d: string; first: number; last: number; end: number }> {
  const start = Number(await chart.getAttribute('data-range-start'));
  const end = Number(await chart.getAttribute('data-range-end'));
  const width = Number(await chart.locator('svg').getAttribute('width'));
  const d = (await chart.locator(`path.series-line[data-column="${column}"]`).getAttribute('d')) ?? '';
  const xs = [...d.matchAll(/[ML]([-\d.]+),/g)].map((m) => Number(m[1]));
  const toTime = (x: number) => start + ((x - PLOT_LEFT) / (width - PLOT_LEFT - PLOT_RIGHT_MARGIN)) * (end - start);
  return { d, first: toTime(xs[0] ?? Number.NaN), last: toTime(xs.at(-1) ?? Number.NaN), end };
}

/** The time of a signal's newest point as the latest-values table says it. */
const newestOf = async (live: Locator, column: string) =>
  Number(await live.getByRole('row', { name: column }).getByTestId('latest-time').getAttribute('data-t'));

async function setLiveInterval(page: Page, seconds: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const interval = dialog.getByRole('spinbutton', { name: 'Live update interval (s)' });
  await expect(interval).toHaveValue('2');
  await interval.fill('0.1');
  await expect(dialog.getByRole('alert')).toHaveText('At least 0.2 s');
  await interval.fill(seconds);
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog).toBeHidden();
}

test('two signals live: history fills the charts, they scroll, ride out a 503 storm, stop and resume', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  const emulator = app.emulator!;
  await setLiveInterval(page, '0.3');

  await openTreePath(page, [WIND_FARM, 'Condition Monitoring', 'Drivetrain CMS', 'CMS WTG-A01']);
  await addSignal(page, VELOCITY);
  await addSignal(page, ACCELERATION);
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Live' }).click();
  const live = page.getByRole('region', { name: 'Live' });
  const state = live.getByTestId('live-state');
  await expect(state).toHaveText('Not live. Pick signals and press Start live.');
  await live.getByRole('combobox', { name: 'Minutes shown' }).selectOption('5');
  await live.getByRole('button', { name: 'Start live' }).click();
  await expect(state).toHaveText('Live: new points every 0.3 s.');

  // The history fills both charts: each line reaches back about five minutes.
  const velocity = live.getByRole('figure', { name: `Live chart of ${VELOCITY} (mm/s)` });
  const acceleration = live.getByRole('figure', { name: `Live chart of ${ACCELERATION} (g)` });
  await expect(live.getByTestId('live-history')).toHaveCount(0, { timeout: 30_000 });
  for (const [chart, column] of [
    [velocity, VELOCITY],
    [acceleration, ACCELERATION],
  ] as const) {
    await expect.poll(async () => (await drawn(chart, column)).end - (await drawn(chart, column)).first).toBeGreaterThan(4.5 * 60_000);
  }
  await expect(live.getByRole('table', { name: 'Latest values' }).getByRole('row')).toHaveCount(3);
  expect(await auditPage(page, { include: '[aria-label="Live"]', tags: ['wcag2a', 'wcag2aa'] })).toEqual([]);

  // They scroll: the newest point's time advances, and the line is drawn anew, its newest point later.
  const before = await drawn(velocity, VELOCITY);
  const newest = await newestOf(live, VELOCITY);
  await expect.poll(() => newestOf(live, VELOCITY)).toBeGreaterThan(newest + 1_000);
  await expect.poll(async () => (await drawn(velocity, VELOCITY)).last).toBeGreaterThan(before.last + 1_000);
  const after = await drawn(velocity, VELOCITY);
  expect(after.d).not.toBe(before.d);
  expect(after.end).toBeGreaterThan(before.end);

  // Nortech answers 503 for a while: Live says it is retrying and why, then it is live again.
  emulator.faults.retryAfterSeconds = 0;
  emulator.faults.fail503Next = 2;
  await expect(state).toHaveText(/^Retrying in \d+ s because: Nortech is not available right now \(HTTP 503\)\.$/);
  await expect(state).toHaveText('Live: new points every 0.3 s.', { timeout: 20_000 });
  const resumedAt = await newestOf(live, VELOCITY);
  await expect.poll(() => newestOf(live, VELOCITY)).toBeGreaterThan(resumedAt);

  // Stop: nothing moves (no call reaches Nortech, the line and the newest time stay) until Resume.
  await live.getByRole('button', { name: 'Stop' }).click();
  await expect(state).toHaveText('Stopped. Resume to follow the signals again.');
  await expect(live.getByRole('button', { name: 'Stop' })).toBeDisabled();
  // A poll in flight when Stop came is abandoned, but may still land: count once none has for a while.
  let calls = -1;
  while (calls !== emulator.liveRequests) {
    calls = emulator.liveRequests;
    await page.waitForTimeout(400);
  }
  const stopped = { drawn: await drawn(velocity, VELOCITY), newest: await newestOf(live, VELOCITY), calls };
  await page.waitForTimeout(1_500); // five intervals: what would have moved by now
  expect(await drawn(velocity, VELOCITY)).toEqual(stopped.drawn);
  expect(await newestOf(live, VELOCITY)).toBe(stopped.newest);
  expect(emulator.liveRequests).toBe(stopped.calls);

  await live.getByRole('button', { name: 'Resume' }).click();
  await expect(state).toHaveText('Live: new points every 0.3 s.');
  await expect.poll(() => newestOf(live, VELOCITY)).toBeGreaterThan(stopped.newest + 1_000);
  await expect.poll(async () => (await drawn(velocity, VELOCITY)).d).not.toBe(stopped.drawn.d);
});

test('Live pauses while the window is hidden and goes on when it is back', async ({ app }) => {
  const { page } = app;
  await openTreePath(page, [WIND_FARM, 'Condition Monitoring', 'Drivetrain CMS', 'CMS WTG-A01']);
  await addSignal(page, VELOCITY);
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Live' }).click();
  const live = page.getByRole('region', { name: 'Live' });
  await live.getByRole('button', { name: 'Start live' }).click();
  const state = live.getByTestId('live-state');
  await expect(state).toHaveText('Live: new points every 2 s.');
  // The page goes to the background, as when the user switches tabs.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(state).toHaveText('Paused while the window is hidden.');
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(state).toHaveText('Live: new points every 2 s.');
});
