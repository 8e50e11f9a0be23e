/*
 * An envelope on the wire of browser mode, when the window asks for it (Accept header): the JSON
 * of the envelope, but every Float64Array in it (a chart's times and values: the contract's
 * Doubles) moved out as its raw bytes after it, and given back as a Float64Array over the bytes
 * received, with no copy. As JSON, XL's 200,000 points are 6.5 MB of text, ~30 ms to write and as
 * much to parse; as bytes, one copy of 3.2 MB. Electron's IPC needs none of this: it clones typed
 * arrays as they are.
 *
 * Layout: 'SEW2', u32 byte length of the JSON, the JSON (UTF-8), zero padding to a multiple of 8,
 * then each moved array's bytes in order. In the JSON a moved array is {"$f64": n} (its length).
 */

export const ENVELOPE_WIRE_TYPE = 'application/vnd.signal-explorer.envelope';
const MAGIC = [0x53, 0x45, 0x57, 0x32]; // SEW2

/** `alloc`: where the bytes go (a pooled buffer of the host: see browser/host.ts); a fresh one by default. */
export function encodeEnvelope(envelope: unknown, alloc: (bytes: number) => Uint8Array = (n) => new Uint8Array(n)): Uint8Array {
  const moved: Float64Array[] = [];
  const json = JSON.stringify(envelope, (_key, value: unknown) => {
    if (!(value instanceof Float64Array)) return value;
    moved.push(value);
    return { $f64: value.length };
  });
  const head = new TextEncoder().encode(json);
  const start = 8 + Math.ceil(head.length / 8) * 8;
  const out = alloc(start + moved.reduce((n, a) => n + a.byteLength, 0));
  out.fill(0, 0, start);
  out.set(MAGIC, 0);
  new DataView(out.buffer, out.byteOffset, 8).setUint32(4, head.length, true);
  out.set(head, 8);
  let at = start;
  for (const a of moved) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return out;
}

export function decodeEnvelope(bytes: ArrayBuffer): unknown {
  const view = new DataView(bytes);
  if (bytes.byteLength < 8 || MAGIC.some((b, i) => view.getUint8(i) !== b)) throw new Error('Not an envelope of Signal Explorer.');
  const length = view.getUint32(4, true);
  if (8 + length > bytes.byteLength) throw new Error('The envelope is cut short.');
  const json = new TextDecoder().decode(new Uint8Array(bytes, 8, length));
  let at = 8 + Math.ceil(length / 8) * 8;
  return JSON.parse(json, (_key, value: unknown) => {
    if (!value || typeof value !== 'object' || !('$f64' in value)) return value;
    const n = (value as { $f64: unknown }).$f64;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || at + n * 8 > bytes.byteLength)
      throw new Error('The envelope is damaged.');
    const doubles = new Float64Array(bytes, at, n);
    at += n * 8;
    return doubles;
  });
}

/** For plain JSON: a Float64Array as an array of numbers, NaN as null (the contract's Doubles take either). */
export function plainJson(envelope: unknown): string {
  return JSON.stringify(envelope, (_key, value: unknown) =>
    value instanceof Float64Array ? Array.from(value, (x) => (x !== x ? null : x)) : value,
  );
}
