import type { SpacingHistogram } from './spacing-histogram';
import { strideOf, type BlockSplits, type ChunkSummary } from './summary-layout';
import type { StoreColumn } from './store-format';

/*
 * A summary as bytes, to keep beside the store (History reopens an export from these) and to hand
 * from the worker to the main process: "SXSUMMRY", a u32 header length, a JSON header (columns,
 * sizes, string table, spacing histograms), then every array as raw little-endian f64, 8-aligned.
 * Decoding makes views onto the bytes, no copy, no parse of the numbers: every level is stored, so
 * nothing is merged again on the way in (+33 % of disk over level 0 alone).
 */

const MAGIC = 'SXSUMMRY';
const VERSION = 2;

interface Header {
  version: number;
  columns: StoreColumn[];
  rows: number;
  blockRows: number;
  fanout: number;
  levels: number[];
  strings: string[];
  spacing: SpacingHistogram[];
  /** Per column: split blocks as in BlockSplits, `pieces` the number of piece records that follow the levels. */
  splits: (Omit<BlockSplits, 'pieces'> & { pieces: number })[];
}

export function encodeSummary(s: ChunkSummary): Uint8Array {
  const header: Header = {
    version: VERSION,
    columns: s.columns,
    rows: s.rows,
    blockRows: s.blockRows,
    fanout: s.fanout,
    levels: s.levels.map((l) => l.blocks),
    strings: s.strings,
    spacing: s.spacing,
    splits: s.splits.map((x, c) => ({
      blocks: x.blocks,
      start: x.start,
      unsplit: x.unsplit,
      pieces: x.pieces.length / strideOf(s.columns[c]!.kind),
    })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const arrays = [s.blockStart, s.blockEnd, ...s.levels.flatMap((l) => l.data), ...s.splits.map((x) => x.pieces)];
  const dataAt = Math.ceil((16 + json.length) / 8) * 8;
  const bytes = new Uint8Array(dataAt + arrays.reduce((n, a) => n + a.byteLength, 0));
  bytes.set(Buffer.from(MAGIC, 'latin1'), 0);
  new DataView(bytes.buffer).setUint32(8, json.length, true);
  bytes.set(json, 16);
  let at = dataAt;
  for (const a of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return bytes;
}

export function decodeSummary(input: Uint8Array): ChunkSummary {
  if (input.length < 16 || Buffer.from(input.buffer, input.byteOffset, 8).toString('latin1') !== MAGIC) {
    throw new Error('Not a chunk summary.');
  }
  // Views need 8-byte alignment: a small file read by Node may sit anywhere in a shared pool.
  const bytes = input.byteOffset % 8 ? input.slice() : input;
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 16, length).toString('utf8')) as Header;
  if (header.version !== VERSION) throw new Error(`Chunk summary version ${header.version} is not ${VERSION}.`);
  let at = bytes.byteOffset + Math.ceil((16 + length) / 8) * 8;
  const take = (n: number) => {
    if (at + n * 8 > bytes.byteOffset + bytes.byteLength) throw new Error('The chunk summary is truncated.');
    const view = new Float64Array(bytes.buffer, at, n);
    at += n * 8;
    return view;
  };
  const n0 = header.levels[0] ?? 0;
  const blockStart = take(n0);
  const blockEnd = take(n0);
  const levels = header.levels.map((blocks) => ({ blocks, data: header.columns.map((c) => take(blocks * strideOf(c.kind))) }));
  const splits = header.splits.map((x, c) => ({ ...x, pieces: take(x.pieces * strideOf(header.columns[c]!.kind)) }));
  return {
    columns: header.columns,
    rows: header.rows,
    blockRows: header.blockRows,
    fanout: header.fanout,
    blockStart,
    blockEnd,
    levels,
    strings: header.strings,
    spacing: header.spacing,
    splits,
  };
}
