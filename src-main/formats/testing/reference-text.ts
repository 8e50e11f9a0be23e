import { zoneOffsetMinutes } from '../../../src-preload/contract/time-expressions';
import { cellAt, type RowBatch } from '../row-batch';
import { localColumnName, type TextOptions } from '../encoder';
import { excelCsvStyle } from '../csv/excel-style';

/*
 * The text writers as they were before the byte encoders (string per row, String(v) per number,
 * an Intl lookup per row for the zone): kept for the tests only, as the reference the encoders
 * must match byte for byte.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;
const pad2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

function wall(sep: string, ms: number): string {
  const d = Math.floor(ms / DAY);
  let r = ms - d * DAY;
  const h = Math.floor(r / HOUR);
  r -= h * HOUR;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const s = Math.floor(r / 1000);
  return `${new Date(d * DAY).toISOString().slice(0, 10)}${sep}${pad2[h]}:${pad2[m]}:${pad2[s]}.${pad3[Math.floor(r - s * 1000)]}`;
}

export function referenceInstant(timeZone: string, ms: number): string {
  if (timeZone === 'UTC') return `${wall('T', ms)}Z`;
  const o = zoneOffsetMinutes(ms, timeZone);
  const a = Math.abs(o);
  return `${wall('T', ms + o * 60_000)}${o < 0 ? '-' : '+'}${pad2[Math.floor(a / 60)]}:${pad2[a % 60]}`;
}

export const referenceLocal = (timeZone: string, ms: number) => wall(' ', ms + zoneOffsetMinutes(ms, timeZone) * 60_000);

export function referenceCsv(table: RowBatch, opts: TextOptions): string {
  const style = opts.excelLocale ? excelCsvStyle(opts.excelLocale) : { separator: ',', decimal: '.' };
  const sep = style.separator;
  const needsQuote = new RegExp(`[${sep === ';' ? ';' : ','}"\\r\\n]|^\\s|\\s$`);
  const field = (s: string) => (needsQuote.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const names = table.columns.map((c) => c.name);
  const header = ['timestamp', ...(opts.localTimeColumn ? [localColumnName(names)] : []), ...names].map(field).join(sep);
  let text = `${opts.excelLocale ? '\ufeff' : ''}${header}\n`;
  for (let r = 0; r < table.rowCount; r++) {
    const t = table.timestamps[r]!;
    let line = referenceInstant(opts.timeZone, t);
    if (opts.localTimeColumn) line += sep + referenceLocal(opts.timeZone, t);
    for (const c of table.columns) {
      const v = cellAt(c.data, r);
      line += sep;
      if (v === null) continue;
      if (typeof v === 'number') line += style.decimal === '.' ? String(v) : String(v).replace('.', style.decimal);
      else if (typeof v === 'boolean') line += v ? 'true' : 'false';
      else line += v === '' ? '""' : field(v);
    }
    text += `${line}\n`;
  }
  return text;
}

export function referenceJson(table: RowBatch, opts: Omit<TextOptions, 'excelLocale'>): string {
  const names = table.columns.map((c) => c.name);
  const localKey = `,${JSON.stringify(localColumnName(names))}:`;
  let text = '[';
  for (let r = 0; r < table.rowCount; r++) {
    const t = table.timestamps[r]!;
    let row = `${r === 0 ? '\n' : ',\n'}{"timestamp":"${referenceInstant(opts.timeZone, t)}"`;
    if (opts.localTimeColumn) row += `${localKey}"${referenceLocal(opts.timeZone, t)}"`;
    for (const c of table.columns) {
      const v = cellAt(c.data, r);
      row +=
        `,${JSON.stringify(c.name)}:` +
        // Infinities bare, as Python writes them (a NaN unmarked is no value: null).
        (v === null ? 'null' : typeof v === 'string' ? JSON.stringify(v) : String(v));
    }
    text += `${row}}`;
  }
  return text + (table.rowCount ? '\n]\n' : ']\n');
}
