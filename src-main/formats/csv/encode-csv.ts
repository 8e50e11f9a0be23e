import { BOOL_NULL, isNanValue, type ColumnData, type RowBatch } from '../row-batch';
import { localColumnName, type BatchEncoder, type TextOptions } from '../encoder';
import { MAX_DOUBLE_BYTES, places, writeDouble } from '../text/number-text';
import { ascii, OutBuffer, rowsView, writeBytes, writeUtf8 } from '../text/out-buffer';
import { instantWriter, localTimeWriter, MAX_TIME_BYTES } from '../text/time-text';
import { csvQuoter } from './csv-quote';
import { excelCsvStyle } from './excel-style';

/*
 * csv from batches, into a reused byte buffer: numbers and timestamps are written as bytes (no
 * string per row or per value), text cells quoted as RFC 4180 needs. Timestamps are ISO 8601 with
 * the chosen zone's offset, so never ambiguous across daylight-saving changes; an optional second
 * column gives the wall-clock time there. For Excel in a comma-decimal locale: a BOM, `;` between
 * fields and `,` as the decimal mark. A missing value is an empty field, an empty text `""`; a
 * float that is NaN as a value (row-batch.ts) `NaN`, infinities `Infinity` and `-Infinity` (as
 * DuckDB, pandas and our decoder read them).
 */

const TRUE = ascii('true');
const FALSE = ascii('false');
const EMPTY_TEXT = ascii('""');
const NAN = ascii('NaN');
const NONE = new Uint8Array(0);

/** A batch's columns in the order the encoder was made for, by position (the caller's order). */
export function columnsOf(batch: RowBatch, count: number): ColumnData[] {
  if (batch.columns.length !== count) throw new Error(`The batch has ${batch.columns.length} columns; the file has ${count}.`);
  return batch.columns.map((c) => c.data);
}

export function csvEncoder(columns: string[], opts: TextOptions): BatchEncoder {
  const style = opts.excelLocale ? excelCsvStyle(opts.excelLocale) : { separator: ',', decimal: '.' };
  const quote = csvQuoter(style.separator);
  const sep = style.separator.charCodeAt(0);
  const decimal = style.decimal.charCodeAt(0);
  const instant = instantWriter(opts.timeZone);
  const local = opts.localTimeColumn ? localTimeWriter(opts.timeZone) : null;
  const names = ['timestamp', ...(local ? [localColumnName(columns)] : []), ...columns];
  const head = Buffer.from(`${opts.excelLocale ? '\ufeff' : ''}${names.map(quote).join(style.separator)}\n`, 'utf8');
  const rowRoom = 2 * MAX_TIME_BYTES + (columns.length + 1) * (MAX_DOUBLE_BYTES + 1) + 1;
  // Two buffers in turn: a batch's bytes stay valid while the next batch is encoded, so the
  // caller may write one while making the next (the disk works on its own thread meanwhile).
  const outs = [new OutBuffer(), new OutBuffer()];
  let turn = 0;
  // Per column, the decimal places of its last value: where writeDouble starts looking.
  const hints = new Uint8Array(columns.length);

  return {
    head: () => head,
    tail: () => NONE,
    rows(batch) {
      const cols = columnsOf(batch, columns.length);
      const k = cols.length;
      const ts = batch.timestamps;
      const out = outs[(turn ^= 1)]!;
      let buf = out.buf;
      let pos = 0;
      if (cols.every((c) => c.kind === 'float')) {
        // Sensor data is floats: a loop that knows it (monomorphic loads, no kind tests per cell).
        const floats = cols.map((c) => c.values as Float64Array);
        const nans = cols.map((c) => (c.kind === 'float' ? c.nan : undefined));
        for (let r = 0; r < batch.rowCount; r++) {
          if (pos + rowRoom > buf.length) buf = out.room(pos, rowRoom);
          const t = ts[r]!;
          pos = instant(buf, pos, t);
          if (local) {
            buf[pos++] = sep;
            pos = local(buf, pos, t);
          }
          for (let c = 0; c < k; c++) {
            buf[pos++] = sep;
            const v = floats[c]![r]!;
            if (v === v) {
              pos = writeDouble(buf, pos, v, decimal, hints[c]);
              hints[c] = places.last;
            } else if (nans[c] !== undefined && isNanValue(nans[c], r)) pos = writeBytes(buf, pos, NAN);
          }
          buf[pos++] = 10;
        }
        return rowsView(buf, pos);
      }
      for (let r = 0; r < batch.rowCount; r++) {
        if (pos + rowRoom > buf.length) buf = out.room(pos, rowRoom);
        const t = ts[r]!;
        pos = instant(buf, pos, t);
        if (local) {
          buf[pos++] = sep;
          pos = local(buf, pos, t);
        }
        for (let c = 0; c < k; c++) {
          buf[pos++] = sep;
          const data = cols[c]!;
          if (data.kind === 'float') {
            const v = data.values[r]!;
            if (v === v) pos = writeDouble(buf, pos, v, decimal);
            else if (isNanValue(data.nan, r)) pos = writeBytes(buf, pos, NAN);
          } else if (data.kind === 'boolean') {
            const v = data.values[r]!;
            if (v !== BOOL_NULL) pos = writeBytes(buf, pos, v === 1 ? TRUE : FALSE);
          } else {
            const v = data.values[r];
            if (v === null || v === undefined) continue;
            if (v === '') {
              pos = writeBytes(buf, pos, EMPTY_TEXT);
              continue;
            }
            const text = quote(v);
            if (pos + text.length * 3 + rowRoom > buf.length) buf = out.room(pos, text.length * 3 + rowRoom);
            pos = writeUtf8(buf, pos, text);
          }
        }
        buf[pos++] = 10;
      }
      return rowsView(buf, pos);
    },
  };
}
