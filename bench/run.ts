/*
 * `npm run bench [-- options]`: end to end against its floor, save, zoom, responsiveness, memory
 * and the renderer, on the emulator at 127.0.0.1. Prints a table of medians with min and max,
 * writes bench/results.json (git-ignored) and, with --markdown, bench/RESULTS.md.
 *   --sizes S,M,L,XL   --formats parquet,csv,json   --cases e2e,save,zoom,history,long,renderer,codecs,fleet,derive,plans
 *   --runs N (default S 5, M 3, L 3, XL 3)   --no-build (reuse out/)   --markdown
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { codecsCases } from './cases/codecs';
import { deriveCases } from './cases/derive-export';
import { endToEndGroup } from './cases/end-to-end';
import { rendererCase } from './cases/renderer';
import { historyOpenCase, saveCases, zoomCases } from './cases/save-and-zoom';
import { longExportCases } from './cases/long-exports';
import { machineCases } from './cases/machine';
import { fleetCases } from './cases/fleet';
import { planScaleCases } from './cases/plan-scale';
import { buildAll, repoRoot } from './lib/build';
import { checkGoals, goalsMarkdown, goalsText } from './lib/goals';
import { toResult, type BenchRow } from './lib/results';
import { openSession } from './lib/session';
import { markdownTable, textTable } from './lib/table';
import { FORMATS, type SizeName } from './lib/workload';

const list = <T extends string>(values: readonly T[]) =>
  z.string().transform((s, ctx) => {
    const items = s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const bad = items.filter((x) => !values.includes(x as T));
    if (bad.length) ctx.addIssue({ code: 'custom', message: `unknown ${bad.join(', ')} (choose from ${values.join(', ')})` });
    return items as T[];
  });

const CASES = ['e2e', 'save', 'zoom', 'history', 'long', 'renderer', 'codecs', 'fleet', 'derive', 'plans'] as const;

const Args = z.object({
  sizes: list(['S', 'M', 'L', 'XL'] as const).default(['S', 'M', 'L', 'XL']),
  formats: list(FORMATS).default(FORMATS),
  cases: list(CASES).default([...CASES]),
  runs: z.coerce.number().int().min(1).max(50).optional(),
  build: z.boolean(),
  markdown: z.boolean(),
});

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    formats: { type: 'string' },
    cases: { type: 'string' },
    runs: { type: 'string' },
    'no-build': { type: 'boolean' },
    markdown: { type: 'boolean' },
  },
});
const parsed = Args.safeParse({ ...values, build: !values['no-build'], markdown: !!values.markdown });
if (!parsed.success) {
  console.error(`Bad arguments: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  process.exit(2);
}
const args = parsed.data;
const RUNS: Record<SizeName, number> = { S: 5, M: 3, L: 3, XL: 3 };
const runsFor = (size: SizeName) => args.runs ?? RUNS[size];
const log = (line: string) => console.log(line);
const started = performance.now();
const env = `${new Date().toISOString().slice(0, 16)}Z, Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, load average at start ${loadavg()[0]!.toFixed(1)}`;

log(`Signal Explorer bench: ${env}`);
// The codecs and plans groups run src-main from source in processes of their own: no host, no build.
const wantsSession = args.cases.some((c) => c !== 'codecs' && c !== 'plans');
if (wantsSession && args.build) {
  log('Building the window (electron-vite build) and the bench host…');
  await buildAll({ renderer: args.cases.includes('renderer') });
} else if (wantsSession) await buildAll({ renderer: false });

const rows: BenchRow[] = [];
// Always, and first: what this machine charges every other case for memory touched the first time.
rows.push(...(await machineCases(5)));
if (args.cases.includes('codecs')) {
  // One size: L unless --sizes leaves it out (then the first given, e.g. S for a quick check).
  const size = args.sizes.includes('L') ? 'L' : args.sizes[0]!;
  log(`codecs ${size}: decoders against the floor, parquet -> csv and json`);
  const tmp = mkdtempSync(join(tmpdir(), 'signal-explorer-codecs-'));
  try {
    rows.push(...(await codecsCases(tmp, size, runsFor(size), log)));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
if (args.cases.includes('plans')) {
  log('plans: a 100,000-chunk plan starting, a 50-year window planned (each in a process of its own, capped)');
  rows.push(...(await planScaleCases(log)));
}
const session = wantsSession ? await openSession() : null;
try {
  if (args.cases.includes('renderer')) {
    log('renderer: 10-signal preview in Chromium');
    rows.push(...(await rendererCase(session!, Math.max(runsFor('S'), 5), log)));
  }
  const wantsE2e = args.cases.some((c) => c !== 'renderer' && c !== 'codecs' && c !== 'long' && c !== 'fleet' && c !== 'plans');
  for (const size of wantsE2e ? args.sizes : []) {
    for (const format of args.formats) {
      log(`end-to-end ${size} ${format}`);
      await session!.restartHost();
      const group = await endToEndGroup(session!, size, format, runsFor(size), log);
      if (args.cases.includes('e2e')) rows.push(...group.rows);
      if (size === 'L' && args.cases.includes('save')) {
        const targets = format === 'parquet' ? ['parquet', 'csv', 'json'] : format === 'csv' ? ['csv', 'parquet'] : ['json'];
        rows.push(...(await saveCases(session!, group.last, size, format, targets as typeof FORMATS, runsFor('L'))));
      }
      // XL: the held format only (its conversions are L's at five times the size).
      if (size === 'XL' && args.cases.includes('save'))
        rows.push(...(await saveCases(session!, group.last, size, format, [format], runsFor('XL'))));
      if (format === 'parquet' && args.cases.includes('zoom') && size !== 'S') {
        rows.push(...(await zoomCases(session!, group.last, size, [0.01, 0.5, 1], 10)));
      }
      if (format === 'parquet' && args.cases.includes('derive')) {
        rows.push(...(await deriveCases(session!, size, format, runsFor(size), log)));
      }
      if (size === 'XL' && format === 'parquet' && args.cases.includes('history')) {
        rows.push(...(await historyOpenCase(session!, group.last, size, format, runsFor('XL'))));
      }
    }
  }
  if (args.cases.includes('long')) {
    log('long exports through the command line (a year of 10 one-second signals)');
    await session!.restartHost();
    rows.push(...(await longExportCases(session!, log)));
  }
  if (args.cases.includes('fleet')) {
    // A week with L in the sizes (the full bench), two days for a quick check (a day or less is one chunk).
    const days = args.sizes.includes('L') ? 7 : 2;
    log(`fleet: ${days} day(s) of 10 signals by 1, 2, 4 and 8 shard processes into one S3 dataset`);
    rows.push(...(await fleetCases(session!, days, log)));
  }
} finally {
  await session?.close();
}

const minutes = (performance.now() - started) / 60_000;
log('');
log(textTable(rows));
const goals = checkGoals(rows);
log(`\nGoals:\n${goalsText(goals)}`);
log(`\n${rows.length} cases in ${minutes.toFixed(1)} min`);
writeFileSync(join(repoRoot, 'bench', 'results.json'), `${JSON.stringify(rows.map(toResult), null, 2)}\n`);
if (args.markdown) {
  const md = [
    '# Benchmark results',
    '',
    `One run of \`npm run bench -- ${process.argv.slice(2).join(' ')}\` (${minutes.toFixed(1)} min): ${env}.`,
    'Medians of the runs (after a warm-up), with min and max. `floor` and `ratio` where a floor applies; peak RSS in MB.',
    'How each case is measured: see the bench section of the README.',
    '',
    markdownTable(rows),
    '',
    '## Goals (issues 10-14)',
    '',
    goalsMarkdown(goals),
    '',
  ].join('\n');
  writeFileSync(join(repoRoot, 'bench', 'RESULTS.md'), md);
}
