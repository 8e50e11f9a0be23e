import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { DataType } from '../../../src-preload/contract';
import type { RowBatch } from '../../formats/row-batch';
import { builderFor, TimeBuilder, type ColumnBuilder, type Raw } from './column-builder';
import { DecodeError } from './decode-error';
import { timestampParser } from './parse-timestamp';

/*
 * json -> typed arrays, streamed: the file is an array of records (`[{"timestamp": ..., "col":
 * ...}, ...]`). A scanner finds where each record ends (tracking strings and nesting) and only
 * that slice goes to JSON.parse, so a file of any size decodes in bounded memory. A file that
 * stops before its closing `]` is reported as cut.
 */

const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;
const QUOTE = 34;
const COMMA = 44;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;

export async function decodeJson(path: string, hints: Record<string, DataType>): Promise<RowBatch> {
  const decoder = new StringDecoder('utf8');
  const times = new TimeBuilder();
  const parseTime = timestampParser();
  const builders = new Map<string, { b: ColumnBuilder; n: number }>();
  let rows = 0;

  // Scanner state, kept across chunks.
  let phase: 'before' | 'items' | 'after' = 'before';
  let depth = 0; // nesting inside the current record
  let inString = false;
  let escaped = false;
  let pending = ''; // text of the record so far, from earlier chunks

  const fail = (what: string): never => {
    throw new DecodeError(`Record ${rows + 1} of the json file ${what}.`);
  };

  const onRecord = (record: unknown) => {
    if (!record || typeof record !== 'object' || Array.isArray(record)) fail('is not an object');
    const obj = record as Record<string, Raw>;
    const t = parseTime(obj.timestamp ?? obj.Timestamp);
    if (Number.isNaN(t)) fail('has no valid timestamp');
    times.push(t);
    for (const key in obj) {
      if (key === 'timestamp' || key === 'Timestamp') continue;
      let entry = builders.get(key);
      if (!entry) builders.set(key, (entry = { b: builderFor(hints[key], rows), n: rows }));
      entry.b.push(obj[key]);
      entry.n++;
    }
    rows++;
    // A key this record lacks is a null in its column.
    for (const entry of builders.values()) {
      if (entry.n < rows) {
        entry.b.push(null);
        entry.n++;
      }
    }
  };

  /** Parses records' text: many at once (`[` + records + `]`, one native JSON.parse per chunk). */
  const parseRecords = (text: string, many: boolean) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(many ? `[${text}]` : text);
    } catch {
      fail('is not valid JSON');
    }
    if (many) for (const r of parsed as unknown[]) onRecord(r);
    else onRecord(parsed);
  };

  const scan = (text: string) => {
    let start = depth > 0 ? 0 : -1;
    // Records wholly inside this chunk: from the first one's start to the last one's end.
    let batchFrom = -1;
    let batchTo = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (phase === 'before') {
        if (c === OPEN_ARR) phase = 'items';
        else if (!isSpace(c)) throw new DecodeError('The json file is not an array of records.');
        continue;
      }
      if (phase === 'after') {
        if (!isSpace(c)) throw new DecodeError('The json file has text after its closing bracket.');
        continue;
      }
      if (depth === 0) {
        if (c === OPEN_OBJ) {
          depth = 1;
          start = i;
        } else if (c === CLOSE_ARR) phase = 'after';
        else if (c !== COMMA && !isSpace(c)) fail('is not an object');
        continue;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_OBJ || c === OPEN_ARR) depth++;
      else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        depth--;
        if (depth === 0) {
          if (pending) {
            // A record that began in an earlier chunk.
            parseRecords(pending + text.slice(0, i + 1), false);
            pending = '';
          } else {
            if (batchFrom < 0) batchFrom = start;
            batchTo = i + 1;
          }
          start = -1;
        }
      }
    }
    if (batchFrom >= 0) parseRecords(text.slice(batchFrom, batchTo), true);
    if (depth > 0) pending += text.slice(Math.max(0, start));
  };

  const stream = createReadStream(path, { highWaterMark: 4 * 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) scan(decoder.write(chunk));
  scan(decoder.end());
  const closed = (phase as string) === 'after';
  if (!closed) throw new DecodeError('The json file ends early: its closing bracket is missing.');
  return {
    rowCount: rows,
    timestamps: times.finish(),
    columns: [...builders].map(([name, e]) => ({ name, data: e.b.finish(rows) })),
  };
}
