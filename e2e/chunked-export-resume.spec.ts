/**
 * Issue 11: a long export runs as chunks, says how far it is, and survives a Cancel. A window of
 * three days of a one-second signal, against an emulator that refuses any request over 20,000 rows
 * (so the plan splits into many chunks) and serves its files slowly: the window shows the share
 * done and "N of M chunks"; Cancel stops it; History offers Resume; the export completes with every
 * row, and the emulator's record of data requests shows that no chunk finished before the Cancel
 * was asked for again.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { readManifest } from '../src-main/exports/manifest/manifest';
import { expect, test } from './fixtures/launch-app';
import { addSignal, openTreePath, previewRegion, waitForPreview, WIND_FARM, setUtcWindow } from './window-helpers';

test.use({ emulatorOptions: { maxRowsPerRequest: 20_000 } });

const START = Date.UTC(2026, 10, 1);
const END = Date.UTC(2026, 10, 4);
/** Busbar Voltage: one value a second, no outage. */
const ROWS = (END - START) / 1000;

/** The chunks done and planned, as the progress line says them. */
async function chunksShown(page: Page): Promise<{ done: number; total: number } | null> {
  const text = await page
    .getByTestId('job-progress-facts')
    .innerText()
    .catch(() => '');
  const m = /(\d+) of (\d+) chunks?/.exec(text);
  return m ? { done: Number(m[1]), total: Number(m[2]) } : null;
}

/** The slices a job's manifest records as done (the job's own record of what Resume keeps: its snapshot and journal). */
async function doneSlices(dataDir: string): Promise<{ start: number; end: number }[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(dir, e.name));
      else if (e.name === 'manifest.json') found.push(join(dir, e.name));
    }
  };
  await walk(dataDir);
  expect(found).toHaveLength(1);
  const manifest = (await readManifest(dirname(found[0]!)))!;
  return manifest.chunks.filter((c) => c.state === 'done').map(({ start, end }) => ({ start, end }));
}

test('chunk progress, Cancel, then Resume from History asks only for the chunks not yet done', async ({ app }) => {
  test.setTimeout(150_000);
  const { page } = app;
  const emulator = app.emulator!;
  await openTreePath(page, [WIND_FARM, 'Substation HR-33', '33 kV Switchboard', 'Export Bay']);
  await addSignal(page, 'Busbar Voltage');
  await setUtcWindow(page, '2026-11-01 00:00', '2026-11-04 00:00');
  emulator.faults.slowBodyBytesPerSec = 150_000;

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const facts = page.getByTestId('job-progress-facts');
  await expect(facts).toContainText(/\d+% · \d+ of \d+ chunks · [\d,]+ rows · [\d.]+ [KM]?B/, { timeout: 30_000 });
  await expect(page.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  // The plan grows as chunks Nortech refuses are halved: wait for a few done of many.
  await expect.poll(async () => (await chunksShown(page))?.done ?? 0, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  const before = (await chunksShown(page))!;
  expect(before.total).toBeGreaterThan(before.done);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Export cancelled.' })).toContainText(/\d+ of \d+ chunks are kept/);
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();

  // What the job keeps, and every data request asked so far.
  const kept = await doneSlices(app.dataDir);
  expect(kept.length).toBeGreaterThanOrEqual(3);
  const askedBefore = emulator.dataRequests.length;

  // A fresh window: the export is found in History, stopped, with its chunks; Resume goes on.
  emulator.faults.slowBodyBytesPerSec = 0;
  await page.reload();
  await page.getByRole('button', { name: 'History' }).click();
  const dialog = page.getByRole('dialog', { name: 'History' });
  const entry = dialog.getByRole('list', { name: 'Past exports' }).getByRole('listitem').first();
  await expect(entry).toContainText('Cancelled');
  await expect(entry).toContainText('You cancelled it.');
  await expect(entry.getByTestId('history-chunks')).toContainText(`${kept.length} of`);
  await expect(entry.getByTestId('history-chunks')).toContainText('Nortech request IDs');
  // Its kept chunks preview, as they are.
  await entry.getByRole('button', { name: 'Open preview' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('preview-partial')).toContainText(`${kept.length} of`);
  await expect(page.getByTestId('preview-partial')).toContainText('cancelled: Resume completes it');
  await expect(previewRegion(page).locator('path.series-line')).toHaveCount(1);
  await page.getByRole('button', { name: 'History' }).click();
  await entry.getByRole('button', { name: 'Resume' }).click();
  await expect(dialog).toBeHidden();
  await waitForPreview(page);
  await expect(page.getByTestId('preview-facts')).toContainText(`${ROWS.toLocaleString('en-US')} rows`);
  await expect(previewRegion(page).locator('path.series-line')).toHaveCount(1);

  // No slice done before the Cancel was asked for again.
  const askedAfter = emulator.dataRequests.slice(askedBefore);
  expect(askedAfter.length).toBeGreaterThan(0);
  for (const r of askedAfter) {
    const end = r.window.end ?? Infinity;
    for (const k of kept) expect(r.window.start < k.end && end > k.start, `asked again ${JSON.stringify(r.window)}`).toBe(false);
  }

  // History now says it is done, with a request ID per chunk.
  await page.getByRole('button', { name: 'History' }).click();
  await expect(entry).toContainText('Done');
  await expect(entry.getByRole('button', { name: 'Resume' })).toHaveCount(0);
});
