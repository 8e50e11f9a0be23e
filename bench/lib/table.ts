import type { BenchRow } from './results';

/* The printed table (terminal) and its Markdown twin (bench/RESULTS.md): medians with min and max. */

const ms = (x: number | null) =>
  x === null ? '' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`;
const cells = (r: BenchRow) => [
  r.name,
  ms(r.median_ms),
  ms(r.min_ms),
  ms(r.max_ms),
  ms(r.floor_ms),
  r.ratio === null ? '' : r.ratio.toFixed(2),
  r.peak_rss_mb === null ? '' : `${r.peak_rss_mb} MB`,
  r.runs ? String(r.runs) : '',
  r.note,
];
const HEAD = ['case', 'median', 'min', 'max', 'floor', 'ratio', 'peak RSS', 'runs', 'note'];

export function textTable(rows: readonly BenchRow[]): string {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c === 0 || c === r.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(cells(r)))].join('\n');
}

export function markdownTable(rows: readonly BenchRow[]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  return [
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map((_, i) => (i === 0 || i === HEAD.length - 1 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
  ].join('\n');
}
