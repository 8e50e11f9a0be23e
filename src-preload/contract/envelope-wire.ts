/*
 * An envelope on the wire of browser mode, when the window asks for it (Accept header): the JSON
 * of the envelope, but every long array of numbers (a chart's times and values) moved out of it
 * as raw little-endian doubles after it. JSON of numbers costs the process that answers ~30 ms for
 * an XL preview (200,000 points: 6.5 MB of text) and as much again to parse; copying doubles
 * costs ~1 ms. The window gets the same plain arrays back, so the contract and its checks are the
 * same either way. Electron's IPC needs none of this: it clones arrays of numbers as they are.
 *
 * Layout: 'SEW1', u32 byte length of the JSON, the JSON (UTF-8), zero padding to a multiple of 8,
 * then each moved array's doubles in order. In the JSON a moved array is {"$f64": n} (its length);
 * a null in it travels as NaN, which JSON cannot carry, so it comes back as null.
 */

export const ENVELOPE_WIRE_TYPE = 'application/vnd.signal-explorer.envelope';
const MAGIC = [0x53, 0x45, 0x57, 0x31]; // SEW1
/** Arrays shorter than this stay in the JSON: moving them would not pay. */
const MIN_MOVED = 256;

export function encodeEnvelope(envelope: unknown): Uint8Array {
  const moved: Float64Array[] = [];
  const json = JSON.stringify(envelope, (_key, value: unknown) => {
    if (!Array.isArray(value) || value.length < MIN_MOVED) return value;
    const doubles = new Float64Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      // -0 becomes 0, as in JSON: the two wires give the same values.
      if (typeof x === 'number') doubles[i] = x === 0 ? 0 : x;
      else if (x === null) doubles[i] = NaN;
      else return value;
    }
    moved.push(doubles);
    return { $f64: value.length };
  });
  const head = new TextEncoder().encode(json);
  const start = 8 + Math.ceil(head.length / 8) * 8;
  const out = new Uint8Array(start + moved.reduce((n, a) => n + a.byteLength, 0));
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, head.length, true);
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
    const out = new Array<number | null>(n);
    for (let i = 0; i < n; i++) {
      const x = doubles[i]!;
      out[i] = x !== x ? null : x;
    }
    return out;
  });
}
