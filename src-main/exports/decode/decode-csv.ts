import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { DataType } from '../../../src-preload/contract';
import type { RowBatch } from '../../formats/row-batch';
import { builderFor, TimeBuilder, type ColumnBuilder } from './column-builder';
import { DecodeError } from './decode-error';
import { timestampParser } from './parse-timestamp';

/*
 * csv -> typed arrays, streamed in 4 MB chunks (a large csv exceeds V8's longest string). RFC 4180:
 * quoted fields may hold commas, quotes and line breaks; an empty unquoted field is null, `""` an
 * empty string. Every record must have as many fields as the header.
 */

/** Splits records out of text; `final` says no more text follows. Returns where it stopped. */
function parseRecords(text: string, final: boolean, onRecord: (fields: (string | null)[]) => void, sep = 44): number {
  const n = text.length;
  let start = 0;
  while (start < n) {
    const fields: (string | null)[] = [];
    let p = start;
    let complete = false;
    for (;;) {
      if (p < n && text.charCodeAt(p) === 34) {
        // A quoted field: runs to the quote that is not doubled.
        let value = '';
        let q = p + 1;
        for (;;) {
          const close = text.indexOf('"', q);
          if (close < 0) return start;
          if (text.charCodeAt(close + 1) === 34) {
            value += text.slice(q, close + 1);
            q = close + 2;
            continue;
          }
          if (close + 1 >= n && !final) return start;
          value += text.slice(q, close);
          p = close + 1;
          break;
        }
        fields.push(value);
      } else {
        let e = p;
        while (e < n) {
          const c = text.charCodeAt(e);
          if (c === sep || c === 10 || c === 13) break;
          e++;
        }
        if (e >= n && !final) return start;
        fields.push(e > p ? text.slice(p, e) : null);
        p = e;
      }
      const c = p < n ? text.charCodeAt(p) : -1;
      if (c === sep) {
        p++;
        continue;
      }
      if (c === 13 && text.charCodeAt(p + 1) === 10) p += 2;
      else if (c === 10 || c === 13) p++;
      else if (c !== -1) throw new DecodeError('The csv file has text after a closing quote.');
      complete = true;
      break;
    }
    if (complete) {
      if (!(fields.length === 1 && fields[0] === null)) onRecord(fields);
      start = p;
    }
  }
  return start;
}

export async function decodeCsv(path: string, hints: Record<string, DataType>): Promise<RowBatch> {
  const decoder = new StringDecoder('utf8');
  const times = new TimeBuilder();
  const parseTime = timestampParser();
  let header: string[] | null = null;
  let tsIndex = -1;
  let builders: (ColumnBuilder | null)[] = [];
  let carry = '';
  let line = 0;
  const onRecord = (fields: (string | null)[]) => {
    line++;
    if (!header) {
      header = fields.map((f) => f ?? '');
      tsIndex = header.findIndex((h) => h.trim().toLowerCase() === 'timestamp');
      if (tsIndex < 0) throw new DecodeError('The csv file has no "timestamp" column.');
      builders = header.map((h, i) => (i === tsIndex ? null : builderFor(hints[h], 0, true)));
      return;
    }
    if (fields.length !== header.length) {
      throw new DecodeError(`Line ${line} of the csv file has ${fields.length} fields where the header has ${header.length}.`);
    }
    const t = parseTime(fields[tsIndex]);
    if (Number.isNaN(t)) throw new DecodeError(`Line ${line} of the csv file has no valid timestamp.`);
    times.push(t);
    for (let i = 0; i < fields.length; i++) builders[i]?.push(fields[i]);
  };
  const stream = createReadStream(path, { highWaterMark: 4 * 1024 * 1024 });
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let text = carry + decoder.write(chunk);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    carry = text.slice(parseRecords(text, false, onRecord));
  }
  const rest = carry + decoder.end();
  const stop = parseRecords(rest, true, onRecord);
  if (stop < rest.length) throw new DecodeError('The csv file ends inside a quoted field.');
  if (!header) throw new DecodeError('The csv file is empty.');
  const names = header as string[];
  const rows = times.n;
  return {
    rowCount: rows,
    timestamps: times.finish(),
    columns: names.flatMap((name, i) => (i === tsIndex ? [] : [{ name, data: builders[i]!.finish(rows) }])),
  };
}
