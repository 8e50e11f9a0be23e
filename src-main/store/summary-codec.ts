import type { SpacingHistogram } from './spacing-histogram';
import { F, T, TOTALS_STRIDE, strideOf, type BlockSplits, type ChunkSummary, type SummaryLevel } from './summary-layout';
import type { StoreColumn } from './store-format';

/*
 * A summary as bytes, to keep beside the store (History reopens an export from these) and to hand
 * from the worker to the main process: "SXSUMMRY", a u32 header length, a JSON header (columns,
 * sizes, string table, spacing histograms), then every array as raw little-endian f64, 8-aligned.
 * Decoding makes views onto the bytes, no copy, no parse of the numbers: every level is stored, so
 * nothing is merged again on the way in.
 *
 * Version 2 (four blocks a level, 14 numbers a block with a sum in each) is still read, copied
 * into this layout, so that History opens the exports a previous version kept.
 */

const MAGIC = 'SXSUMMRY';
const VERSION = 3;

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
  const arrays = [s.blockStart, s.blockEnd, s.totals, ...s.levels.flatMap((l) => l.data), ...s.splits.map((x) => x.pieces)];
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

/** Whether these bytes are a summary of this version (false: an older one decodeSummary converts, or none). */
export function isCurrentSummary(input: Uint8Array): boolean {
  if (input.length < 16 || Buffer.from(input.buffer, input.byteOffset, 8).toString('latin1') !== MAGIC) return false;
  const length = new DataView(input.buffer, input.byteOffset).getUint32(8, true);
  return (
    /^\{"version":(\d+)/.exec(Buffer.from(input.buffer, input.byteOffset + 16, Math.min(length, 20)).toString('utf8'))?.[1] ===
    String(VERSION)
  );
}

export function decodeSummary(input: Uint8Array): ChunkSummary {
  if (input.length < 16 || Buffer.from(input.buffer, input.byteOffset, 8).toString('latin1') !== MAGIC) {
    throw new Error('Not a chunk summary.');
  }
  // Views need 8-byte alignment: a small file read by Node may sit anywhere in a shared pool.
  const bytes = input.byteOffset % 8 ? input.slice() : input;
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 16, length).toString('utf8')) as Header;
  if (header.version !== VERSION && header.version !== 2) throw new Error(`Chunk summary version ${header.version} is not ${VERSION}.`);
  let at = bytes.byteOffset + Math.ceil((16 + length) / 8) * 8;
  const take = (n: number) => {
    if (at + n * 8 > bytes.byteOffset + bytes.byteLength) throw new Error('The chunk summary is truncated.');
    const view = new Float64Array(bytes.buffer, at, n);
    at += n * 8;
    return view;
  };
  const v2 = header.version === 2;
  const strideIn = (kind: StoreColumn['kind']) => (v2 ? V2_STRIDE[kind] : strideOf(kind));
  const n0 = header.levels[0] ?? 0;
  const blockStart = take(n0);
  const blockEnd = take(n0);
  const totals = v2 ? null : take(header.columns.length * TOTALS_STRIDE);
  const levels: SummaryLevel[] = header.levels.map((blocks) => ({
    blocks,
    data: header.columns.map((c) => take(blocks * strideIn(c.kind))),
  }));
  const splits = header.splits.map((x, c) => ({ ...x, pieces: take(x.pieces * strideIn(header.columns[c]!.kind)) }));
  const summary: ChunkSummary = {
    columns: header.columns,
    rows: header.rows,
    blockRows: header.blockRows,
    fanout: header.fanout,
    blockStart,
    blockEnd,
    levels,
    totals: totals ?? new Float64Array(0),
    strings: header.strings,
    spacing: header.spacing,
    splits,
  };
  return v2 ? fromVersion2(summary) : summary;
}

/** Version 2's block: count, first, tFirst, last, tLast, gap, gapFrom, changes, min, tMin, max, tMax, sum, sumLo. */
const V2 = { gapFrom: 6, changes: 7, min: 8, sum: 12, sumLo: 13 };
const V2_STRIDE: Record<StoreColumn['kind'], number> = { float: 14, boolean: 14, string: 8 };

function fromVersion2(s: ChunkSummary): ChunkSummary {
  const recopy = (src: Float64Array, kind: StoreColumn['kind']) => {
    const from = V2_STRIDE[kind];
    const to = strideOf(kind);
    const n = src.length / from;
    const out = new Float64Array(n * to);
    for (let k = 0; k < n; k++) {
      const i = k * from;
      const o = k * to;
      for (let f = 0; f <= F.gap; f++) out[o + f] = src[i + f]!;
      if (kind === 'string') {
        out[o + F.min] = Infinity;
        out[o + F.max] = -Infinity;
        out[o + F.tMin] = out[o + F.tMax] = NaN;
      } else for (let f = 0; f < 4; f++) out[o + F.min + f] = src[i + V2.min + f]!;
      if (to > F.changes) out[o + F.changes] = src[i + V2.changes]!;
    }
    return out;
  };
  const top = s.levels[s.levels.length - 1];
  const totals = new Float64Array(s.columns.length * TOTALS_STRIDE);
  s.columns.forEach((c, ci) => {
    const a = top?.data[ci];
    const numeric = c.kind !== 'string';
    totals[ci * TOTALS_STRIDE + T.sum] = numeric ? (a?.[V2.sum] ?? 0) : NaN;
    totals[ci * TOTALS_STRIDE + T.sumLo] = numeric ? (a?.[V2.sumLo] ?? 0) : NaN;
    totals[ci * TOTALS_STRIDE + T.gapFrom] = a?.[V2.gapFrom] ?? NaN;
  });
  return {
    ...s,
    totals,
    levels: s.levels.map((l) => ({ blocks: l.blocks, data: l.data.map((a, ci) => recopy(a, s.columns[ci]!.kind)) })),
    splits: s.splits.map((x, ci) => ({ ...x, pieces: recopy(x.pieces, s.columns[ci]!.kind) })),
  };
}
