import { wallAt } from './time-zone';

/*
 * A recipe's file name: a template of its window's dates on the wall clock of the window's zone,
 * `press-{start:yyyy-MM-dd}.parquet`. `{start:…}` is the window's first instant, `{end:…}` the
 * instant after it (windows are half-open: yesterday's end is today at 00:00), `{last:…}` its last
 * millisecond (yesterday's date again). Patterns: yyyy yy MM dd HH mm ss; anything else is kept as
 * written. Pure, shared by the window (the name shown while typing) and the runs.
 */

const PLACE = /\{([^{}]*)\}/g;
const PART = /^(start|end|last):([A-Za-z0-9_\-. ]+)$/;
const TOKEN = /yyyy|yy|MM|dd|HH|mm|ss/g;
const EXTENSIONS = ['parquet', 'csv', 'json', 'xlsx'];

/** What is wrong with a template, or null. */
export function templateIssue(template: string): string | null {
  if (!template.trim()) return 'Enter a file name';
  if (/[/\\]/.test(template)) return 'A file name, without folders (the folder is the output folder)';
  const outside = template.replace(PLACE, '');
  if (/[{}]/.test(outside)) return 'A brace without its pair: write {start:yyyy-MM-dd}';
  for (const [, inside] of template.matchAll(PLACE)) {
    if (!PART.test(inside!)) return `Unknown placeholder {${inside}}: use {start:…}, {end:…} or {last:…} with yyyy MM dd HH mm ss`;
  }
  const ext = template.slice(template.lastIndexOf('.') + 1).toLowerCase();
  if (!template.includes('.') || !EXTENSIONS.includes(ext)) return 'The name must end in .parquet, .csv, .json or .xlsx';
  if (template.startsWith('.')) return 'The name must not start with a dot';
  return null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatWall(ms: number, timeZone: string, pattern: string): string {
  const d = new Date(wallAt(ms, timeZone));
  const fields: Record<string, string> = {
    yyyy: pad(d.getUTCFullYear(), 4),
    yy: pad(d.getUTCFullYear() % 100),
    MM: pad(d.getUTCMonth() + 1),
    dd: pad(d.getUTCDate()),
    HH: pad(d.getUTCHours()),
    mm: pad(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds()),
  };
  return pattern.replace(TOKEN, (t) => fields[t]!);
}

/** The file name for a window (epoch ms, half-open) in a zone; the template must have passed `templateIssue`. */
export function fileNameFor(template: string, window: { start: number; end: number }, timeZone: string): string {
  return template.replace(PLACE, (_, inside: string) => {
    const [, which, pattern] = PART.exec(inside)!;
    const at = which === 'start' ? window.start : which === 'end' ? window.end : window.end - 1;
    return formatWall(at, timeZone, pattern!);
  });
}
