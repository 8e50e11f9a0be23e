import { DecodeError } from '../decode-error';
import { textOf } from '../text/bytes-text';

/*
 * The fields of a csv file, read from the bytes read so far (RFC 4180): quoted or not, the header,
 * and the separator. Each returns where its field ends, or -1 when the bytes read so far end
 * inside it (the record is then read again with more bytes).
 */

export const QUOTE = 34;
export const LF = 10;
export const CR = 13;
export const COMMA = 44;
export const SEMICOLON = 59;
export const WHAT = 'csv file';

export const TRUE = new Set(['true', 'True', 'TRUE', '1', 't']);
export const FALSE = new Set(['false', 'False', 'FALSE', '0', 'f']);
/** No value in a number or boolean column, as SQL tools and JavaScript write it (a text column keeps the word). */
export const NULL_WORDS = new Set(['null', 'NULL', 'Null']);

/** What a scan step ended on. */
export const FULL = 0; // the batch is full
export const MORE = 1; // a record runs past the bytes read so far
export const DONE = 2; // the end of the file

/** A cell that is not what its column holds; the row loop adds where. */
export class CellError extends Error {}

export interface Scan {
  buf: Buffer;
  end: number;
  eof: boolean;
  sep: number;
  decimal: number;
  decimalText: string;
  /** The text of the field readField read; null for an empty unquoted field. */
  text: string | null;
  /** The file column being read, for messages. */
  column: number;
}

export function utf8(buf: Buffer, from: number, to: number): string {
  const text = textOf(buf, from, to);
  if (text === null) throw new CellError('holds bytes that are not UTF-8 text');
  return text;
}

/** Reads the field at p into s.text; returns where it ends (at its separator or line end), or -1 to read more. */
export function readField(s: Scan, p: number): number {
  const { buf, end, sep } = s;
  if (p < end && buf[p] === QUOTE) {
    let from = p + 1;
    let text = '';
    for (;;) {
      const q = buf.indexOf(QUOTE, from);
      if (q < 0 || q >= end) {
        if (s.eof) throw new DecodeError(`The ${WHAT} ends inside a quoted field.`);
        return -1;
      }
      if (q + 1 === end && !s.eof) return -1; // "" or the closing quote: the next byte decides
      if (buf[q + 1] === QUOTE) {
        text += `${utf8(buf, from, q)}"`;
        from = q + 2;
        continue;
      }
      text += utf8(buf, from, q);
      p = q + 1;
      break;
    }
    if (p < end) {
      const c = buf[p];
      if (c !== sep && c !== LF && c !== CR) throw new CellError('has text after its closing quote');
    }
    s.text = text;
    return p;
  }
  let e = p;
  while (e < end) {
    const c = buf[e];
    if (c === sep || c === LF || c === CR) break;
    if (c === QUOTE) throw new CellError('has a quote inside a field that does not start with one');
    e++;
  }
  if (e === end && !s.eof) return -1;
  s.text = e === p ? null : utf8(buf, p, e);
  return e;
}

/**
 * The header's separator: the first `,` or `;` outside quotes. Our files and the API's start with
 * the timestamp column, whose name holds neither; Excel's comma-decimal csv uses `;`.
 */
export function separatorOf(buf: Buffer, from: number, end: number): number {
  let quoted = false;
  for (let i = from; i < end; i++) {
    const c = buf[i];
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) break;
    else if (!quoted && (c === COMMA || c === SEMICOLON)) return c;
  }
  return COMMA;
}

/** The header record at p: its fields, and where the first data row starts; null to read more. */
export function readHeader(s: Scan, p: number): { names: string[]; next: number } | null {
  const names: string[] = [];
  for (;;) {
    const e = readField(s, p);
    if (e < 0) return null;
    names.push(s.text ?? '');
    p = e;
    const c = p < s.end ? s.buf[p] : -1;
    if (c === s.sep) p++;
    else {
      if (c === CR) p++;
      if (p < s.end && s.buf[p] === LF) p++;
      else if (c === CR && p === s.end && !s.eof) return null; // CR LF cut between reads
      return { names, next: p };
    }
  }
}
