import { isUtf8 } from 'node:buffer';

/** Bytes as text; null when they are not UTF-8 (a damaged file must not become U+FFFD quietly). */
export function textOf(buf: Buffer, from: number, to: number): string | null {
  let i = from;
  while (i < to && buf[i]! < 0x80) i++;
  if (i === to) return buf.toString('latin1', from, to);
  const bytes = buf.subarray(from, to);
  return isUtf8(bytes) ? bytes.toString('utf8') : null;
}
