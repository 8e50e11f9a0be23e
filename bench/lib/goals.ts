import type { BenchRow } from './results';

/*
 * The open issues' goals checked against a run's rows: each answers met / missed / not measured
 * (the case was not in this run) with the number it was judged on. Grouped by issue.
 */

export interface GoalCheck {
  issue: number;
  goal: string;
  verdict: 'met' | 'missed' | 'not measured';
  measured: string;
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);

export function checkGoals(rows: readonly BenchRow[]): GoalCheck[] {
  const row = (name: string) => rows.find((r) => r.name === name);
  const like = (prefix: string) => rows.filter((r) => r.name.startsWith(prefix));
  const check = (issue: number, goal: string, ok: boolean | null, measured: string): GoalCheck => ({
    issue,
    goal,
    verdict: ok === null ? 'not measured' : ok ? 'met' : 'missed',
    measured: ok === null ? '' : measured,
  });
  const median = (r: BenchRow | undefined, max: number) => (r?.median_ms == null ? null : r.median_ms <= max);
  const ratio = (r: BenchRow | undefined, max: number) => (r?.ratio == null ? null : r.ratio <= max);
  const rate = (r: BenchRow | undefined, min: number) => (r?.mbPerSec === undefined ? null : r.mbPerSec >= min);
  const rss = (r: BenchRow | undefined, maxMb: number) => (r?.peak_rss_mb == null ? null : r.peak_rss_mb <= maxMb);
  const maxOf = (rs: BenchRow[], pick: (r: BenchRow) => number | null) => Math.max(...rs.map((r) => pick(r) ?? 0));
  const medianOf = (r?: BenchRow) => `median ${ms(r?.median_ms ?? 0)} (max ${ms(r?.max_ms ?? 0)})`;

  const zoomIn = row('renderer: zoom in, click -> all charts repainted');
  const first = row('renderer: preview arrived -> first chart painted');
  const all = rows.find((r) => /^renderer: preview arrived -> all \d+ charts painted$/.test(r.name));
  const firstOfL = row('renderer: L export, click -> first chart painted');
  const e2eL = row('end-to-end L parquet');
  const e2eS = row('end-to-end S parquet');
  const year = row('year 10x1s parquet (chunked)');
  const days180 = row('cli 180d 10x1s parquet (server limit 2 M rows)');
  const resample = row('resample year 10x1s -> 1h mean');
  const zoomsXl = like('zoom XL ');
  const zoom5 = row('renderer: zoom in, 5 charts: click -> all repainted');
  const heldSaves = rows.filter((r) => /^save (L|XL) \w+ copy$/.test(r.name));
  const zooms = rows.filter((r) => /^zoom (M|L|XL) (1|50|100)%$/.test(r.name));
  const stalls = like('stall ');
  const e2eBig = rows.filter((r) => /^end-to-end (L|XL) \w+$/.test(r.name));
  const hostsXl = like('peak RSS XL').filter((r) => r.name.includes(': host'));
  const history = row('history open XL parquet -> chart data');
  const toCsv = row('save L parquet -> csv');
  const toJson = row('save L parquet -> json');
  const decodeCsv = row('codecs: decode L csv');
  const decodeJson = row('codecs: decode L json');
  const overheadS = row("client overhead S parquet: first chunk over the server's time");
  const overS = overheadS?.median_ms == null || overheadS.floor_ms == null ? null : overheadS.median_ms - overheadS.floor_ms;
  const planMany = row('plan 100,000 chunks: start -> first chunk done');
  const planFifty = like('plan 50 years ')[0];

  return [
    check(10, 'renderer: zoom in -> all charts repainted <= 200 ms', median(zoomIn, 200), medianOf(zoomIn)),
    check(10, 'renderer: first chart <= 150 ms after the points arrive', median(first, 150), medianOf(first)),
    check(10, 'renderer: all ten charts <= 600 ms after the points arrive', median(all, 600), medianOf(all)),
    check(11, 'year 10x1s chunked: peak RSS <= 1 GB (CLI)', rss(year, 1024), `${year?.peak_rss_mb} MB`),
    check(11, 'year 10x1s chunked: wall <= 1.2 x one request', ratio(year, 1.2), `ratio ${year?.ratio}`),
    check(11, '180 days, server limit 2 M rows: peak RSS <= 1 GB (CLI)', rss(days180, 1024), `${days180?.peak_rss_mb} MB`),
    check(11, 'end-to-end L parquet < 3 s', median(e2eL, 3000), medianOf(e2eL)),
    check(
      12,
      'zoom XL 1 %, 50 %, 100 % <= 5 ms (main process)',
      zoomsXl.length ? zoomsXl.every((z) => z.median_ms! <= 5) : null,
      zoomsXl.map((z) => `${z.name.slice(8)} ${ms(z.median_ms!)}`).join(', '),
    ),
    check(12, 'renderer: L export, click -> first chart <= 1 s', median(firstOfL, 1000), medianOf(firstOfL)),
    check(
      12,
      'host peak RSS over successive XL exports <= 800 MB',
      hostsXl.length ? maxOf(hostsXl, (r) => r.peak_rss_mb) <= 800 : null,
      `max ${maxOf(hostsXl, (r) => r.peak_rss_mb)} MB`,
    ),
    check(
      12,
      'no event-loop stall of the host > 50 ms',
      stalls.length ? maxOf(stalls, (r) => r.max_ms) <= 50 : null,
      `longest ${ms(maxOf(stalls, (r) => r.max_ms))}`,
    ),
    check(12, 'History opens a past XL export and draws it < 300 ms', median(history, 300), medianOf(history)),
    check(13, 'resample year -> 1h mean: <= 1.2 x the raw export', ratio(resample, 1.2), `ratio ${resample?.ratio}`),
    check(13, 'resample year -> 1h mean: peak RSS <= 1 GB', rss(resample, 1024), `${resample?.peak_rss_mb} MB`),
    check(14, 'save L parquet -> csv >= 80 MB/s of csv', rate(toCsv, 80), `${toCsv?.mbPerSec?.toFixed(0)} MB/s`),
    check(14, 'save L parquet -> json >= 80 MB/s of json', rate(toJson, 80), `${toJson?.mbPerSec?.toFixed(0)} MB/s`),
    check(14, 'csv decode <= 1.5 x the floor', ratio(decodeCsv, 1.5), `ratio ${decodeCsv?.ratio}`),
    check(14, 'json decode <= 2 x the floor', ratio(decodeJson, 2), `ratio ${decodeJson?.ratio}`),
    check(14, 'end-to-end S parquet: ratio <= 1.3', ratio(e2eS, 1.3), `ratio ${e2eS?.ratio}`),
    check(
      26,
      'XL with a derived rolling mean <= 1.2 x without',
      ratio(row('derive XL parquet: rolling mean 10m'), 1.2),
      `ratio ${row('derive XL parquet: rolling mean 10m')?.ratio}`,
    ),
    check(
      26,
      'XL with a condition <= 1.2 x without',
      ratio(row('derive XL parquet: condition over it'), 1.2),
      `ratio ${row('derive XL parquet: condition over it')?.ratio}`,
    ),
    check(
      25,
      'zoom M, L, XL at 1 %, 50 %, 100 % <= 5 ms (main process)',
      zooms.length ? zooms.every((z) => z.median_ms! <= 5) : null,
      zooms.map((z) => `${z.name.slice(5)} ${ms(z.median_ms!)}`).join(', '),
    ),
    check(25, 'moonshot: renderer zoom, 5 charts repainted <= 50 ms', median(zoom5, 50), medianOf(zoom5)),
    check(
      25,
      'save in the held format <= 1.5 x copyFile + fsync (L, XL)',
      heldSaves.length ? heldSaves.every((r) => r.ratio != null && r.ratio <= 1.5) : null,
      heldSaves.map((r) => `${r.name.slice(5, -5)} ${r.ratio}`).join(', '),
    ),
    check(
      25,
      'client overhead: S parquet first chunk <= 50 ms over the server',
      overS === null ? null : overS <= 50,
      `${ms(overS ?? 0)} over (first chunk ${ms(overheadS?.median_ms ?? 0)}, server ${ms(overheadS?.floor_ms ?? 0)})`,
    ),
    check(
      25,
      'end-to-end L and XL <= 1.1 x the one-request floor',
      e2eBig.length ? e2eBig.every((r) => r.ratio != null && r.ratio <= 1.1) : null,
      e2eBig.map((r) => `${r.name.slice(11)} ${r.ratio}`).join(', '),
    ),
    check(
      25,
      'no event-loop stall of the host > 50 ms in any case',
      stalls.length ? maxOf(stalls, (r) => r.max_ms) <= 50 : null,
      `longest ${ms(maxOf(stalls, (r) => r.max_ms))}`,
    ),
    // A run the bench's cap stopped has no time: missed, with its note.
    check(
      24,
      '100,000-chunk plan: first chunk done <= 5 s',
      planMany ? !!median(planMany, 5000) : null,
      `${medianOf(planMany)}; ${planMany?.note}`,
    ),
    check(24, '100,000-chunk plan: peak RSS <= 1 GB', rss(planMany, 1024), `${planMany?.peak_rss_mb} MB`),
    check(
      24,
      '50-year plan: planned <= 10 s',
      planFifty ? !!median(planFifty, 10_000) : null,
      `${medianOf(planFifty)}; ${planFifty?.note}`,
    ),
    check(24, '50-year plan: peak RSS <= 1 GB', rss(planFifty, 1024), `${planFifty?.peak_rss_mb} MB`),
  ];
}

export function goalsText(goals: GoalCheck[]): string {
  const w = Math.max(...goals.map((g) => g.goal.length));
  return goals.map((g) => `#${g.issue}  ${g.goal.padEnd(w)}  ${g.verdict.padEnd(12)}  ${g.measured}`).join('\n');
}

export function goalsMarkdown(goals: GoalCheck[]): string {
  return [
    '| issue | goal | verdict | measured |',
    '|---|---|---|---|',
    ...goals.map((g) => `| #${g.issue} | ${g.goal} | ${g.verdict} | ${g.measured} |`),
  ].join('\n');
}
