import { cellAt, type RowBatch } from '../../formats/row-batch';
import { excelCsvStyle } from './excel-locale';
import { TextSink } from './text-sink';
import { instantFormatter, localTimeFormatter } from './timestamp-format';

/*
 * csv and json from a decoded table, streamed. Timestamps are ISO 8601 with the chosen zone's
 * offset (UTC by default), so they are never ambiguous across daylight-saving changes; an optional
 * second column gives the wall-clock time in that zone. json signals stay JSON text, as the API
 * delivers them.
 */

export interface TextOptions {
  timeZone: string;
  localTimeColumn: boolean;
  /** csv for Excel in this locale: BOM, and its separator and decimal mark. */
  excelLocale: string | null;
}

const ROWS_PER_BLOCK = 8192;

/** The local-time column's name, not colliding with a signal's. */
export function localColumnName(names: string[]): string {
  let name = 'local_time';
  for (let i = 2; names.includes(name); i++) name = `local_time_${i}`;
  return name;
}

export async function writeCsv(table: RowBatch, path: string, opts: TextOptions): Promise<number> {
  const style = opts.excelLocale ? excelCsvStyle(opts.excelLocale) : { separator: ',', decimal: '.' };
  const sep = style.separator;
  const needsQuote = new RegExp(`[${sep === ';' ? ';' : ','}"\\r\\n]|^\\s|\\s$`);
  const field = (s: string) => (needsQuote.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const names = table.columns.map((c) => c.name);
  const instant = instantFormatter(opts.timeZone);
  const local = opts.localTimeColumn ? localTimeFormatter(opts.timeZone) : null;
  const header = ['timestamp', ...(local ? [localColumnName(names)] : []), ...names].map(field).join(sep);
  const sink = await TextSink.create(path);
  try {
    await sink.add(`${opts.excelLocale ? '\ufeff' : ''}${header}\n`);
    const cols = table.columns.map((c) => c.data);
    for (let from = 0; from < table.rowCount; from += ROWS_PER_BLOCK) {
      const to = Math.min(table.rowCount, from + ROWS_PER_BLOCK);
      let text = '';
      for (let r = from; r < to; r++) {
        const t = table.timestamps[r]!;
        let line = instant(t);
        if (local) line += sep + local(t);
        for (const data of cols) {
          const v = cellAt(data, r);
          line += sep;
          if (v === null) continue;
          if (typeof v === 'number') line += style.decimal === '.' ? String(v) : String(v).replace('.', style.decimal);
          else if (typeof v === 'boolean') line += v ? 'true' : 'false';
          else line += v === '' ? '""' : field(v);
        }
        text += `${line}\n`;
      }
      await sink.add(text);
    }
    return await sink.close();
  } catch (error) {
    await sink.abandon();
    throw error;
  }
}

export async function writeJson(table: RowBatch, path: string, opts: Omit<TextOptions, 'excelLocale'>): Promise<number> {
  const names = table.columns.map((c) => c.name);
  const instant = instantFormatter(opts.timeZone);
  const local = opts.localTimeColumn ? localTimeFormatter(opts.timeZone) : null;
  const localKey = local ? `,${JSON.stringify(localColumnName(names))}:` : '';
  const keys = names.map((n) => `,${JSON.stringify(n)}:`);
  const cols = table.columns.map((c) => c.data);
  const sink = await TextSink.create(path);
  try {
    await sink.add('[');
    for (let from = 0; from < table.rowCount; from += ROWS_PER_BLOCK) {
      const to = Math.min(table.rowCount, from + ROWS_PER_BLOCK);
      let text = '';
      for (let r = from; r < to; r++) {
        const t = table.timestamps[r]!;
        let row = `${r === 0 ? '\n' : ',\n'}{"timestamp":"${instant(t)}"`;
        if (local) row += `${localKey}"${local(t)}"`;
        for (let c = 0; c < cols.length; c++) {
          const v = cellAt(cols[c]!, r);
          row +=
            keys[c]! +
            (v === null || (typeof v === 'number' && !Number.isFinite(v)) ? 'null' : typeof v === 'string' ? JSON.stringify(v) : String(v));
        }
        text += `${row}}`;
      }
      await sink.add(text);
    }
    await sink.add(table.rowCount ? '\n]\n' : ']\n');
    return await sink.close();
  } catch (error) {
    await sink.abandon();
    throw error;
  }
}
