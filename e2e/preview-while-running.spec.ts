/**
 * Issue 12, "Progressive": the preview appears while the export still runs. Charts are drawn as
 * soon as the first chunk is in, on a time axis fixed to the requested window, and fill in as the
 * others arrive ("N of M chunks" on the chart); the statistics and coverage follow; a chunk tried
 * again says why. Against an emulator that refuses requests over 20,000 rows (many chunks) and
 * serves files slowly.
 */
import type { Page } from '@playwright/test';
import { shownRange } from './chart-helpers';
import { expect, test } from './fixtures/launch-app';
import { addSignal, openTreePath, previewRegion, waitForPreview, WIND_FARM, setUtcWindow } from './window-helpers';

test.use({ emulatorOptions: { maxRowsPerRequest: 20_000 } });

const START = Date.UTC(2026, 10, 1);
const END = Date.UTC(2026, 10, 4);

const chunksOnChart = async (page: Page) => {
  const text = await page
    .getByTestId('chart-chunks')
    .innerText()
    .catch(() => '');
  // "3 of 17 chunks", or "1 chunk in, the rest not planned yet" right after the first.
  const m = /^(\d+) (of \d+ chunks|chunks? in)/.exec(text);
  return m ? Number(m[1]) : null;
};

test('charts appear with the first chunk and fill in while the export runs', async ({ app }) => {
  test.setTimeout(150_000);
  const { page } = app;
  const emulator = app.emulator!;
  await openTreePath(page, [WIND_FARM, 'Substation HR-33', '33 kV Switchboard', 'Export Bay']);
  await addSignal(page, 'Busbar Voltage');
  await setUtcWindow(page, '2026-11-01 00:00', '2026-11-04 00:00');
  // The first data request meets 503s with a Retry-After: the chunk is tried again, and says why.
  // (Two, in case a call of the window's own takes the first.)
  emulator.faults.retryAfterSeconds = 3;
  emulator.faults.fail503Next = 2;
  emulator.faults.slowBodyBytesPerSec = 60_000;

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const retries = page.getByRole('list', { name: 'Chunks tried again' });
  await expect(retries).toContainText(/Chunk 1 \(.+\), try [23]: .*(unavailable|503)/i, { timeout: 30_000 });

  // The first chart, while the export still runs.
  const preview = previewRegion(page);
  const chart = preview.getByRole('figure', { name: /^Chart of Busbar Voltage/ });
  await expect(chart).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('job-progress-facts')).toBeVisible();
  await expect(page.getByTestId('preview-facts')).toHaveCount(0);
  await expect(page.getByTestId('preview-partial')).toContainText(/chunks? in the preview.* \(still exporting\)/);
  const first = await chunksOnChart(page);
  expect(first).not.toBeNull();
  // The time axis is the requested window, not the data in so far.
  expect(await shownRange(page)).toEqual({ start: START, end: END });
  await expect(chart.locator('path.series-line')).toHaveCount(1);

  // More chunks arrive: the chart says so and fills in.
  await expect.poll(() => chunksOnChart(page), { timeout: 60_000 }).toBeGreaterThan(first!);

  // Statistics and coverage follow, from the chunks in so far.
  await preview.getByRole('tab', { name: 'Statistics' }).click();
  await expect(preview.getByRole('table', { name: 'Statistics' }).getByRole('rowheader')).toHaveText(['Busbar Voltage']);
  await expect(preview.getByTestId('stats-chunks')).toContainText(/From \d+ of \d+ chunks so far/);
  await preview.getByText('Coverage:').click();
  const coverage = preview.getByRole('table', { name: 'Coverage' });
  await expect(coverage.getByRole('rowheader')).toHaveText(['Busbar Voltage']);
  await expect(coverage.getByRole('row').nth(1)).toContainText('1 Nov 2026, 00:00:00');

  // Once complete: every chunk, the whole window covered, and no "N of M" left.
  emulator.faults.slowBodyBytesPerSec = 0;
  await waitForPreview(page);
  await expect(preview.getByTestId('stats-chunks')).toHaveCount(0);
  await preview.getByRole('tab', { name: 'Chart' }).click();
  await expect(chart).toBeVisible();
  await expect(page.getByTestId('chart-chunks')).toHaveCount(0);
});

test('the complete preview of an export whose chunks were halved holds every row', async ({ app }) => {
  const { page } = app;
  await openTreePath(page, [WIND_FARM, 'Substation HR-33', '33 kV Switchboard', 'Export Bay']);
  await addSignal(page, 'Busbar Voltage');
  await setUtcWindow(page, '2026-11-01 00:00', '2026-11-02 12:00');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await waitForPreview(page);
  await expect(page.getByTestId('preview-facts')).toContainText('129,600 rows');
  const preview = previewRegion(page);
  await preview.getByRole('tab', { name: 'Table' }).click();
  await expect(preview.getByTestId('rows-shown')).toContainText('of 129,600', { timeout: 5_000 });
  await preview.getByText('Coverage:').click();
  await expect(preview.getByRole('table', { name: 'Coverage' }).getByRole('row').nth(1)).toContainText('2 Nov 2026, 11:59:59', {
    timeout: 5_000,
  });
});
