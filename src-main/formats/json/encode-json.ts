import { BOOL_NULL, isNanValue, type NanMarks, type RowBatch } from '../row-batch';
import { columnsOf } from '../csv/encode-csv';
import { localColumnName, type BatchEncoder, type TextOptions } from '../encoder';
import { MAX_DOUBLE_BYTES, places, writeDouble } from '../text/number-text';
import { ascii, literal, OutBuffer, putLiteral, rowsView, writeBytes, writeUtf8 } from '../text/out-buffer';
import { instantWriter, localTimeWriter, MAX_TIME_BYTES } from '../text/time-text';

/*
 * json records from batches, one per line (`[`, `{"timestamp":"…","<column>":<value>,…}` rows
 * separated by `,\n`, `]`), into a reused byte buffer. A missing value is `null`; a float that is
 * NaN as a value (row-batch.ts) or infinite is written bare, `NaN`, `Infinity`, `-Infinity`, as
 * Python's json module writes them and DuckDB and our decoder read them (JSON itself has no such
 * numbers: `null` would be a silent wrong value). json signals stay JSON text in a string, as the
 * API delivers them.
 */

const TRUE = ascii('true');
const FALSE = ascii('false');
const NULL = ascii('null');
const NAN = ascii('NaN');
const INF = ascii('Infinity');
const NEG_INF = ascii('-Infinity');

/** A float that is not finite: NaN as a value, an infinity, or (a NaN not marked as one) no value. */
const notFinite = (v: number, nan: NanMarks | undefined, r: number) =>
  v === Number.POSITIVE_INFINITY ? INF : v === Number.NEGATIVE_INFINITY ? NEG_INF : isNanValue(nan, r) ? NAN : NULL;
const FIRST = ascii('\n{"timestamp":"');
const NEXT = ascii(',\n{"timestamp":"');
const FIRST_WORDS = literal(FIRST);
const NEXT_WORDS = literal(NEXT);
const HEAD = ascii('[');
const TAIL = ascii('\n]\n');
const TAIL_EMPTY = ascii(']\n');

/** Text that JSON.stringify would write as is between quotes: printable ASCII but `"` and `\`. */
function plainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7f || c === 34 || c === 92) return false;
  }
  return true;
}

export function jsonEncoder(columns: string[], opts: Omit<TextOptions, 'excelLocale'>): BatchEncoder {
  const instant = instantWriter(opts.timeZone);
  const local = opts.localTimeColumn ? localTimeWriter(opts.timeZone) : null;
  const localKey = new Uint8Array(Buffer.from(`",${JSON.stringify(localColumnName(columns))}:"`, 'utf8'));
  const keys = columns.map((n) => new Uint8Array(Buffer.from(`,${JSON.stringify(n)}:`, 'utf8')));
  const keyLiterals = keys.map(literal);
  const keyBytes = keys.reduce((a, k) => a + k.length, 0);
  const rowRoom = 2 * MAX_TIME_BYTES + localKey.length + keyBytes + columns.length * MAX_DOUBLE_BYTES + 32;
  // Two buffers in turn: a batch's bytes stay valid while the next batch is encoded, so the
  // caller may write one while making the next (the disk works on its own thread meanwhile).
  const outs = [new OutBuffer(), new OutBuffer()];
  let turn = 0;
  // Per column, the decimal places of its last value: where writeDouble starts looking.
  const hints = new Uint8Array(columns.length);

  return {
    head: () => HEAD,
    tail: (rowsWritten) => (rowsWritten > 0 ? TAIL : TAIL_EMPTY),
    rows(batch: RowBatch, firstRowsOfFile: boolean) {
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
        let view = out.view;
        for (let r = 0; r < batch.rowCount; r++) {
          if (pos + rowRoom > buf.length) {
            buf = out.room(pos, rowRoom);
            view = out.view;
          }
          const t = ts[r]!;
          pos = putLiteral(buf, view, pos, r === 0 && firstRowsOfFile ? FIRST_WORDS : NEXT_WORDS);
          pos = instant(buf, pos, t);
          if (local) {
            pos = writeBytes(buf, pos, localKey);
            pos = local(buf, pos, t);
          }
          buf[pos++] = 34;
          for (let c = 0; c < k; c++) {
            pos = putLiteral(buf, view, pos, keyLiterals[c]!);
            const v = floats[c]![r]!;
            if (v - v === 0) {
              pos = writeDouble(buf, pos, v, 46, hints[c]);
              hints[c] = places.last;
            } else pos = writeBytes(buf, pos, notFinite(v, nans[c], r));
          }
          buf[pos++] = 125;
        }
        return rowsView(buf, pos);
      }
      for (let r = 0; r < batch.rowCount; r++) {
        if (pos + rowRoom > buf.length) buf = out.room(pos, rowRoom);
        const t = ts[r]!;
        pos = writeBytes(buf, pos, r === 0 && firstRowsOfFile ? FIRST : NEXT);
        pos = instant(buf, pos, t);
        if (local) {
          pos = writeBytes(buf, pos, localKey);
          pos = local(buf, pos, t);
        }
        buf[pos++] = 34;
        for (let c = 0; c < k; c++) {
          pos = writeBytes(buf, pos, keys[c]!);
          const data = cols[c]!;
          if (data.kind === 'float') {
            const v = data.values[r]!;
            pos = v - v === 0 ? writeDouble(buf, pos, v) : writeBytes(buf, pos, notFinite(v, data.nan, r));
          } else if (data.kind === 'boolean') {
            const v = data.values[r]!;
            pos = writeBytes(buf, pos, v === BOOL_NULL ? NULL : v === 1 ? TRUE : FALSE);
          } else {
            const v = data.values[r];
            if (v === null || v === undefined) pos = writeBytes(buf, pos, NULL);
            else if (plainAscii(v)) {
              if (pos + v.length + 2 + rowRoom > buf.length) buf = out.room(pos, v.length + 2 + rowRoom);
              buf[pos++] = 34;
              for (let i = 0; i < v.length; i++) buf[pos++] = v.charCodeAt(i);
              buf[pos++] = 34;
            } else {
              const text = JSON.stringify(v);
              if (pos + text.length * 3 + rowRoom > buf.length) buf = out.room(pos, text.length * 3 + rowRoom);
              pos = writeUtf8(buf, pos, text);
            }
          }
        }
        buf[pos++] = 125;
      }
      return rowsView(buf, pos);
    },
  };
}
