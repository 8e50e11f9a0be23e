/*
 * The reused output buffer of an encoder: grown when a batch needs more room, never shrunk, so a
 * file costs a few allocations however many rows. Writers keep `buf` and `pos` in locals and ask
 * for room before each row (and each string, whose length is known only then).
 */
export class OutBuffer {
  buf: Buffer;
  /** A DataView of buf, for literals written four bytes at a time. */
  view: DataView;
  constructor(bytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(bytes);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }
  /** The buffer, with room for `need` bytes after `pos` (a bigger one holding the first `pos`). */
  room(pos: number, need: number): Buffer {
    if (pos + need <= this.buf.length) return this.buf;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, pos + need));
    this.buf.copy(next, 0, 0, pos);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.length);
    return next;
  }
}

/** Bytes written often (a json key in every row), also as little-endian 32-bit words. */
export interface Literal {
  bytes: Uint8Array;
  words: Uint32Array;
}

export function literal(bytes: Uint8Array): Literal {
  const b = bytes;
  const words = Uint32Array.from(
    { length: b.length >> 2 },
    (_, w) => b[4 * w]! | (b[4 * w + 1]! << 8) | (b[4 * w + 2]! << 16) | (b[4 * w + 3]! << 24),
  );
  return { bytes, words };
}

/** Writes a literal at pos, four bytes at a time (measured: json keys 15 -> 8 ns each); returns the end. */
export function putLiteral(buf: Uint8Array, view: DataView, pos: number, lit: Literal): number {
  const words = lit.words;
  const bytes = lit.bytes;
  let i = 0;
  for (let w = 0; w < words.length; w++, i += 4) view.setUint32(pos + i, words[w]!, true);
  for (; i < bytes.length; i++) buf[pos + i] = bytes[i]!;
  return pos + bytes.length;
}

/** Writes `s` as UTF-8 at `pos` (room: 3 bytes per UTF-16 unit); returns the end. */
export function writeUtf8(buf: Buffer, pos: number, s: string): number {
  const n = s.length;
  if (n <= 32) {
    // Short ASCII text (most names and states) is cheaper to copy than to hand to the encoder.
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[pos + i] = c;
    }
    if (i === n) return pos + n;
  }
  return pos + buf.write(s, pos, 'utf8');
}

/** Copies a few bytes (a key, a literal): cheaper than set() for short runs. */
export function writeBytes(buf: Uint8Array, pos: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) buf[pos + i] = bytes[i]!;
  return pos + bytes.length;
}

export const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/**
 * An encoder's rows: a plain Uint8Array over its buffer (not a Buffer, whose slice() is a view),
 * so a caller that keeps them past the next batch copies them with slice() as it expects.
 */
export const rowsView = (buf: Buffer, end: number): Uint8Array => new Uint8Array(buf.buffer, buf.byteOffset, end);
