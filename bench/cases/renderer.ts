import type { Browser, Page } from '@playwright/test';
import { chromiumArgs, findChromium } from '../../e2e/fixtures/chromium';
import { DEMO_CONNECTION_ID } from '../../src-preload/contract';
import { median, timedRow, type BenchRow } from '../lib/results';
import type { Session } from '../lib/session';
import { cmsSignals, tenChartSignals, windowOf, SIZES } from '../lib/workload';

/*
 * The window in Chromium (browser mode, the built renderer): a saved selection of ten signals of ten
 * physical units (one chart each) over a day at 1 s is loaded and exported through the window's
 * own controls. The window marks when the preview's points arrive ('preview:arrived', after the
 * answer is checked) and when each chart's frame is painted ('preview:chart-painted:<key>');
 * a PerformanceObserver collects long tasks. A new preview draws every chart; then "Zoom in": from
 * the click to every chart on screen repainted (charts out of view repaint when scrolled into view).
 *
 * Then the same with five charts, all on screen (a taller window), for issue 25's zoom repaint.
 *
 * Then an L export (10 signals × 1,000,000 rows of the CMS unit, a plan of several chunks): from the
 * click on Export to the first chart painted, which the window draws as soon as the first chunk
 * (a one-hour probe) is in, while the rest still downloads; then it waits for the export to be
 * ready before the next run, so that runs do not overlap.
 */

const SELECTION = 'bench: ten charts';
const SELECTION_5 = 'bench: five charts';
const SELECTION_L = 'bench: L export';
const PAINTED = 'preview:chart-painted:';

interface Frame {
  firstMs: number;
  allMs: number;
  /** Charts that had to paint: all of them for a new preview, those on screen for a zoom. */
  charts: number;
  /** Charts in the preview. */
  total: number;
  longestTaskMs: number;
  /** Zoom only: click -> points arrived. */
  roundTripMs?: number;
  points: number;
}

/*
 * What runs in the page is plain JavaScript in strings: functions handed to page.evaluate are sent
 * as their source, and tsx's transform of this file (helpers like __name) would not exist there.
 */

// In the page, before the app: collect long tasks from the start.
const OBSERVE_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

// In the page: the points that arrived after the mark `since`, and the charts painted after them.
// `onScreenOnly`: only the charts in view must repaint (a zoom); otherwise every chart (a new preview).
const frameScript = (since: string, onScreenOnly: boolean, body: string) => `(() => {
  const t0 = performance.getEntriesByName(${JSON.stringify(since)}).at(-1)?.startTime;
  if (t0 === undefined) return false;
  const arrived = performance.getEntriesByName('preview:arrived').find((m) => m.startTime >= t0)?.startTime;
  const total = document.querySelectorAll('.charts figure.chart').length;
  const keys = [...document.querySelectorAll(${JSON.stringify(onScreenOnly ? '.charts .lazy-chart[data-in-view="true"]' : '.charts .lazy-chart')})].map((c) => ${JSON.stringify(PAINTED)} + c.dataset.key);
  const charts = keys.length;
  if (arrived === undefined || charts === 0 || document.querySelector('.charts')?.getAttribute('aria-busy') !== 'false') return false;
  const last = new Map();
  for (const m of performance.getEntriesByType('mark')) if (keys.includes(m.name) && m.startTime >= arrived) last.set(m.name, m.startTime);
  ${body}
})()`;

const FRAME_DONE = 'return last.size >= charts;';
const FRAME_RESULT = `
  const times = [...last.values()];
  const end = Math.max(...times);
  const overlapping = window.__longTasks.filter((t) => t.end > arrived && t.start < end).map((t) => t.end - t.start);
  return {
    firstMs: Math.min(...times) - arrived,
    allMs: end - arrived,
    charts: last.size,
    total,
    longestTaskMs: overlapping.length ? Math.max(...overlapping) : 0,
    roundTripMs: arrived - t0,
    points: Number(document.querySelector('.charts figure.chart svg')?.getAttribute('width') ?? 0),
  };`;

/** Waits until every chart that must (all, or those on screen) has painted the points that arrived after the mark `since`. */
async function measureFrame(page: Page, since: string, onScreenOnly: boolean): Promise<Frame> {
  // Polled from here: page.waitForFunction evaluates with eval, which the window's CSP refuses.
  const deadline = performance.now() + 60_000;
  while (!(await page.evaluate(frameScript(since, onScreenOnly, FRAME_DONE)))) {
    if (performance.now() > deadline) throw new Error(`The charts did not all paint within 60 s after ${since}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return (await page.evaluate(frameScript(since, onScreenOnly, FRAME_RESULT))) as Frame;
}

// In the page: the first chart painted after the mark `since`, with what the window said then.
const firstPaintScript = (since: string) => `(() => {
  const t0 = performance.getEntriesByName(${JSON.stringify(since)}).at(-1)?.startTime;
  if (t0 === undefined) return null;
  const painted = performance.getEntriesByType('mark').find((m) => m.name.startsWith(${JSON.stringify(PAINTED)}) && m.startTime >= t0);
  if (!painted) return null;
  return {
    ms: painted.startTime - t0,
    ready: !!document.querySelector('[data-testid="preview-facts"]'),
    chunks: document.querySelector('[data-testid="chart-chunks"]')?.textContent ?? '',
  };
})()`;

// In the page: the export is ready (the preview's facts of a complete export are shown).
const READY_SCRIPT = `!!document.querySelector('[data-testid="preview-facts"]')`;

interface FirstChart {
  /** Click on Export -> the first chart's frame painted. */
  ms: number;
  /** Whether the export was already complete when the bench saw that paint (polled: an upper bound). */
  ready: boolean;
  /** The chart's "N of M chunks" then. */
  chunks: string;
  /** Click -> the export ready, as polled (50 ms). */
  readyMs: number;
}

/** Clicks Export on the L selection, times the first chart painted and waits for the export to be ready. */
async function measureFirstChart(page: Page, mark: string): Promise<FirstChart> {
  const deadline = performance.now() + 120_000;
  const started = performance.now();
  await clickMarked(page, 'Export', mark);
  let first: Omit<FirstChart, 'readyMs'> | null = null;
  while (!first) {
    if (performance.now() > deadline) throw new Error('No chart painted within 120 s of the L export.');
    first = (await page.evaluate(firstPaintScript(mark))) as Omit<FirstChart, 'readyMs'> | null;
    if (!first) await new Promise((r) => setTimeout(r, 20));
  }
  while (!(await page.evaluate(READY_SCRIPT))) {
    if (performance.now() > deadline) throw new Error('The L export was not ready within 120 s.');
    await new Promise((r) => setTimeout(r, 50));
  }
  return { ...first, readyMs: performance.now() - started };
}

/** Clicks a button by its text with a mark just before, both inside the page (one clock). */
const clickMarked = (page: Page, button: string, mark: string) =>
  page.evaluate(`(() => {
    const el = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(button)} && !b.disabled);
    if (!el) throw new Error('no enabled button ' + ${JSON.stringify(button)});
    performance.clearMarks();
    performance.mark(${JSON.stringify(mark)});
    el.click();
  })()`);

export async function rendererCase(s: Session, runs: number, log: (line: string) => void, lRuns = 3): Promise<BenchRow[]> {
  const signals = tenChartSignals();
  await s.app.call('selections.save', {
    name: SELECTION,
    connectionId: DEMO_CONNECTION_ID,
    signals,
    window: { ...windowOf(SIZES.S.rows), timeZone: 'UTC' },
    format: 'parquet',
  });
  await s.app.call('selections.save', {
    name: SELECTION_5,
    connectionId: DEMO_CONNECTION_ID,
    signals: signals.slice(0, 5),
    window: { ...windowOf(SIZES.S.rows), timeZone: 'UTC' },
    format: 'parquet',
  });
  await s.app.call('selections.save', {
    name: SELECTION_L,
    connectionId: DEMO_CONNECTION_ID,
    signals: cmsSignals(SIZES.L.signals),
    window: { ...windowOf(SIZES.L.rows), timeZone: 'UTC' },
    format: 'parquet',
  });
  const { chromium } = await import('@playwright/test');
  const browser: Browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs, headless: true });
  const previews: Frame[] = [];
  const zooms: Frame[] = [];
  const zooms5: Frame[] = [];
  const firstOfL: FirstChart[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript({ content: OBSERVE_LONG_TASKS });
    await page.goto(s.host.url);
    const saved = page.getByRole('combobox', { name: 'Saved selection' });
    await saved.getByRole('option', { name: SELECTION }).waitFor({ state: 'attached' });
    await saved.selectOption({ label: SELECTION });
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    for (let i = 0; i <= runs; i++) {
      await clickMarked(page, 'Export', 'bench:export');
      const preview = await measureFrame(page, 'bench:export', false);
      await clickMarked(page, 'Zoom in', 'bench:zoom');
      const zoom = await measureFrame(page, 'bench:zoom', true);
      log(
        `  run ${i === 0 ? 'warm-up' : i}: ${preview.charts} charts, first ${preview.firstMs.toFixed(0)} ms, all ${preview.allMs.toFixed(0)} ms, ` +
          `longest task ${preview.longestTaskMs.toFixed(0)} ms; zoom ${(zoom.roundTripMs! + zoom.allMs).toFixed(0)} ms ` +
          `(points ${zoom.roundTripMs!.toFixed(0)} + ${zoom.charts} charts on screen ${zoom.allMs.toFixed(0)}), longest task ${zoom.longestTaskMs.toFixed(0)} ms`,
      );
      if (i > 0) {
        previews.push(preview);
        zooms.push(zoom);
      }
    }
    // Five charts, all in view: 1,300 px of window hold them.
    const tall = await browser.newPage({ viewport: { width: 1280, height: 1300 } });
    await tall.addInitScript({ content: OBSERVE_LONG_TASKS });
    await tall.goto(s.host.url);
    const saved5 = tall.getByRole('combobox', { name: 'Saved selection' });
    await saved5.getByRole('option', { name: SELECTION_5 }).waitFor({ state: 'attached' });
    await saved5.selectOption({ label: SELECTION_5 });
    await tall.getByRole('button', { name: 'Load', exact: true }).click();
    for (let i = 0; i <= runs; i++) {
      await clickMarked(tall, 'Export', 'bench:export');
      await measureFrame(tall, 'bench:export', false);
      await clickMarked(tall, 'Zoom in', 'bench:zoom');
      const zoom = await measureFrame(tall, 'bench:zoom', true);
      log(
        `  five charts, run ${i === 0 ? 'warm-up' : i}: zoom ${(zoom.roundTripMs! + zoom.allMs).toFixed(0)} ms ` +
          `(points ${zoom.roundTripMs!.toFixed(0)} + ${zoom.charts} of ${zoom.total} charts on screen ${zoom.allMs.toFixed(0)}), longest task ${zoom.longestTaskMs.toFixed(0)} ms`,
      );
      if (i > 0) zooms5.push(zoom);
    }
    await tall.close();
    await saved.selectOption({ label: SELECTION_L });
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    for (let i = 0; i <= lRuns; i++) {
      const first = await measureFirstChart(page, 'bench:export-L');
      log(
        `  L run ${i === 0 ? 'warm-up' : i}: first chart ${first.ms.toFixed(0)} ms after the click (${first.ready ? 'export already ready' : `still exporting, ${first.chunks || 'chunks ?'}`}), ready after ${first.readyMs.toFixed(0)} ms`,
      );
      if (i > 0) firstOfL.push(first);
    }
  } finally {
    await browser.close();
  }
  const charts = previews[0]!.charts;
  const pts = `${charts} charts of 1 signal, ~${previews[0]!.points} px wide (M4, one bucket per pixel column), ${(SIZES.S.rows / 1000).toFixed(1)}k rows per signal`;
  return [
    timedRow(
      'renderer: preview arrived -> first chart painted',
      previews.map((p) => p.firstMs),
      { note: pts },
    ),
    timedRow(
      `renderer: preview arrived -> all ${charts} charts painted`,
      previews.map((p) => p.allMs),
      { note: 'charts mount one per frame (useProgressiveCount)' },
    ),
    timedRow(
      'renderer: longest task, preview arrived -> all painted',
      previews.map((p) => p.longestTaskMs),
      { note: 'PerformanceObserver longtask (> 50 ms; 0 = none)' },
    ),
    timedRow(
      'renderer: zoom in, click -> all charts repainted',
      zooms.map((z) => z.roundTripMs! + z.allMs),
      {
        note:
          `points arrived after ${median(zooms.map((z) => z.roundTripMs!)).toFixed(0)} ms (main + HTTP), the ${zooms[0]!.charts} charts on screen ` +
          `(of ${zooms[0]!.total}) ${median(zooms.map((z) => z.allMs)).toFixed(0)} ms later; the others repaint when scrolled into view`,
      },
    ),
    timedRow(
      'renderer: zoom in, 5 charts: click -> all repainted',
      zooms5.map((z) => z.roundTripMs! + z.allMs),
      {
        note:
          `points arrived after ${median(zooms5.map((z) => z.roundTripMs!)).toFixed(0)} ms (main + HTTP), the ${zooms5[0]!.charts} charts on screen ` +
          `(of ${zooms5[0]!.total}) ${median(zooms5.map((z) => z.allMs)).toFixed(0)} ms later; longest task ${Math.max(...zooms5.map((z) => z.longestTaskMs)).toFixed(0)} ms`,
      },
    ),
    timedRow(
      'renderer: longest task, zoom',
      zooms.map((z) => z.longestTaskMs),
      { note: 'from the points arrived to all repainted' },
    ),
    timedRow(
      'renderer: L export, click -> first chart painted',
      firstOfL.map((f) => f.ms),
      {
        note:
          `${SIZES.L.signals} × ${SIZES.L.rows.toLocaleString('en-US')} rows (CMS unit, parquet); the first chunk is the plan's one-hour probe; ` +
          `${firstOfL.filter((f) => !f.ready).length} of ${firstOfL.length} runs painted while still exporting (${firstOfL.map((f) => f.chunks || '?').join('; ')}); ` +
          `export ready after ${median(firstOfL.map((f) => f.readyMs)).toFixed(0)} ms (median)`,
      },
    ),
  ];
}
