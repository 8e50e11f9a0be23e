/**
 * The tree with 10,000 signals in one unit: virtualized (only the rows in view exist in the page),
 * keyboard navigation reaches the last one, and Enter adds it. How long the longest task took is
 * recorded as an annotation (a measurement, not a pass/fail speed goal).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startEmulator } from '../src-main/emulator';
import { repoRoot, startHost, stopHost } from './fixtures/launch-app';
import { watchPageErrors } from './fixtures/page-errors';
import { selectedList } from './window-helpers';

const COUNT = 10_000;
const name = (i: number) => `Sensor ${String(i).padStart(5, '0')}`;
/** A signal's row in the tree: its name and its unit. */
const row = (i: number) => `${name(i)} m/s`;

/** The demo catalog with one more workspace whose only unit has COUNT signals. */
async function bigCatalog(dir: string): Promise<string> {
  const demo = JSON.parse(await readFile(join(repoRoot, 'resources', 'demo', 'catalog.json'), 'utf8'));
  const template = demo.workspaces[0].assets[0].divisions[0].units[0].signals[0];
  const signals = Array.from({ length: COUNT }, (_, i) => ({ ...template, id: 900_000 + i, name: name(i + 1), gaps: undefined }));
  demo.workspaces = [
    {
      id: 9001,
      name: 'Historian',
      description: 'A plant historian with many tags',
      assets: [
        {
          id: 9101,
          name: 'Site',
          type: 'Site',
          description: null,
          divisions: [{ id: 9201, name: 'All tags', description: null, units: [{ id: 9301, name: 'Tags', signals }] }],
        },
      ],
    },
  ];
  const path = join(dir, 'big-catalog.json');
  await writeFile(path, JSON.stringify(demo));
  return path;
}

base('a unit of 10,000 signals opens, scrolls and is navigable with the keyboard', async ({ page }, info) => {
  const dir = await mkdtemp(join(tmpdir(), 'signal-explorer-big-'));
  const emulator = await startEmulator({ apiKey: 'big-key', catalogPath: await bigCatalog(dir) });
  const host = await startHost(join(dir, 'data'), ['--demo-api-url', emulator.baseUrl, '--demo-api-key', emulator.apiKey]);
  const errors = watchPageErrors(page.context(), new URL(host.url).origin);
  try {
    await page.goto(host.url);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
        type: 'longtask',
        buffered: false,
      });
    });
    const tree = page.getByRole('tree');
    for (const level of ['Historian', 'Site', 'All tags', 'Tags']) await tree.getByRole('treeitem', { name: level, exact: true }).click();
    await expect(tree.getByRole('treeitem', { name: row(1), exact: true })).toBeVisible({ timeout: 30_000 });
    const first = tree.getByRole('treeitem', { name: row(1), exact: true });
    await expect(first).toHaveAttribute('aria-setsize', String(COUNT));

    // Virtualized: a screenful of rows in the page, not ten thousand.
    const inPage = await tree.getByRole('treeitem').count();
    expect(inPage).toBeLessThan(120);

    const openingTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));
    info.annotations.push({ type: 'opening the unit: longest task (ms)', description: String(Math.round(Math.max(0, ...openingTasks))) });

    // Scroll by wheel through a stretch, then jump with the keyboard to the last signal.
    await tree.hover();
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 2000);
    await expect(first).toBeHidden(); // scrolled away, and out of the page
    await tree.focus();
    await page.keyboard.press('End');
    const last = tree.getByRole('treeitem', { name: row(COUNT), exact: true });
    await expect(last).toBeVisible();
    await expect(last).toHaveAttribute('aria-posinset', String(COUNT));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(selectedList(page).getByRole('listitem', { name: name(COUNT - 1) })).toBeVisible();
    expect(await tree.getByRole('treeitem').count()).toBeLessThan(120);
    await page.keyboard.press('Home');
    await expect(tree.getByRole('treeitem', { name: 'Historian', exact: true })).toBeVisible();

    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    info.annotations.push({ type: 'scrolling and keys: longest task (ms)', description: String(Math.round(Math.max(0, ...longTasks))) });
    info.annotations.push({ type: 'scrolling and keys: tasks over 50 ms', description: String(longTasks.length) });
    errors.assertNone();
  } finally {
    errors.stop();
    await stopHost(host.child);
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
});
