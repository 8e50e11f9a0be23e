/**
 * A heavier preview: ten signals of a day at one second (86,400 rows), as many charts as units.
 * Records the longest main-thread task from Export to the last chart (an annotation: a measurement,
 * not a pass/fail speed goal) and checks every chart arrives.
 */
import { expect, test } from './fixtures/launch-app';
import { addSignal, openTreePath, previewRegion, waitForPreview, WIND_FARM } from './window-helpers';

test('ten signals over a day draw chart by chart', async ({ app }, info) => {
  const { page } = app;
  await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
  for (const s of ['Wind Speed', 'Wind Direction', 'Nacelle Position', 'Yaw Misalignment', 'Ambient Temperature']) await addSignal(page, s);
  await openTreePath(page, ['Rotor']);
  for (const s of ['Rotor Speed', 'Pitch Angle Blade A', 'Pitch Angle Blade B', 'Pitch Angle Blade C', 'Pitch System OK'])
    await addSignal(page, s);
  await page.getByRole('combobox', { name: 'Quick range' }).selectOption('Last 24 hours');

  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  // Wait inside the page (no locator polling, whose own work would show up as long tasks).
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const done = () => document.querySelector('.charts[aria-busy="false"]');
        const timer = setTimeout(() => reject(new Error('no charts within 45 s')), 45_000);
        new MutationObserver((_, observer) => {
          if (!done()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      }),
  );
  await waitForPreview(page);
  const preview = previewRegion(page);
  await expect(preview.getByRole('group', { name: 'Signals shown' }).getByRole('button')).toHaveCount(10);
  // m/s, °, °C, rpm as line charts; the boolean as a lane.
  await expect(preview.locator('figure.chart')).toHaveCount(5);
  await expect(preview.locator('.charts')).toHaveAttribute('aria-busy', 'false');
  const facts = await page.getByTestId('preview-facts').innerText();
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  info.annotations.push({ type: 'preview', description: facts.replace(/\n/g, ' ') });
  info.annotations.push({ type: 'longest task (ms)', description: String(Math.round(Math.max(0, ...tasks))) });
  info.annotations.push({ type: 'tasks over 50 ms', description: tasks.map(Math.round).join(', ') || 'none' });
});
