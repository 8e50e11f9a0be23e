import type { ColumnData, RowBatch } from '../row-batch';
import type { BatchEncoder } from '../encoder';

/** Batches of one file joined into one (for comparing what a decoder read with what was written). */
export function joinBatches(batches: RowBatch[], names: string[], kinds: ColumnData['kind'][]): RowBatch {
  const rows = batches.reduce((n, b) => n + b.rowCount, 0);
  const timestamps = new Float64Array(rows);
  let at = 0;
  for (const b of batches) {
    timestamps.set(b.timestamps, at);
    at += b.rowCount;
  }
  return {
    rowCount: rows,
    timestamps,
    columns: kinds.map((kind, c) => {
      const parts = batches.map((b) => b.columns[c]!.data.values);
      const data: ColumnData =
        kind === 'float'
          ? { kind, values: Float64Array.from(parts.flatMap((p) => [...(p as Float64Array)])) }
          : kind === 'boolean'
            ? { kind, values: Uint8Array.from(parts.flatMap((p) => [...(p as Uint8Array)])) }
            : { kind, values: parts.flatMap((p) => p as (string | null)[]) };
      return { name: batches[0]?.columns[c]!.name ?? names[c]!, data };
    }),
  };
}

/** A whole file's bytes from an encoder, the rows given in segments cut at `cuts` (as an export's chunks are). */
export function encodeFile(encoder: BatchEncoder, batch: RowBatch, cuts: number[]): Buffer {
  const parts: Buffer[] = [Buffer.from(encoder.head())];
  const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, batch.rowCount)), batch.rowCount])].sort((a, b) => a - b);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [from, to] = [bounds[i]!, bounds[i + 1]!];
    const slice: RowBatch = {
      rowCount: to - from,
      timestamps: batch.timestamps.subarray(from, to),
      columns: batch.columns.map((c) => ({
        name: c.name,
        data: (c.data.kind === 'string'
          ? { kind: 'string', values: c.data.values.slice(from, to) }
          : { kind: c.data.kind, values: c.data.values.subarray(from, to) }) as ColumnData,
      })),
    };
    // Copied at once: the encoder reuses its buffer.
    parts.push(Buffer.from(encoder.rows(slice, from === 0)));
  }
  parts.push(Buffer.from(encoder.tail(batch.rowCount)));
  return Buffer.concat(parts);
}
