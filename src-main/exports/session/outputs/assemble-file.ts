import { createReadStream } from 'node:fs';
import type { SaveFormat } from '../../../../src-preload/contract';
import { AppError } from '../../../errors/app-error';
import type { TextOptions } from '../../../formats/encode-batches';
import { appendParquet } from '../../../formats/parquet/parquet-append';
import { decodeBatches } from '../../../formats/decode-batches';
import type { RowBatch } from '../../../formats/row-batch';
import { textEncoder } from '../../output/text-sink';
import { xlsxBytes } from '../../output/xlsx-bytes';
import type { OutputColumn } from '../../output/columns';

/*
 * The output file from its segments, in time order, as a stream of bytes for the atomic writer:
 * csv is the header then each segment; json is `[`, each segment (the first without its leading
 * comma), then `]`; parquet joins the segments' row groups under one footer. No segment is decoded
 * but for Excel, whose workbook is written from the segments' rows (parquet) in one pass.
 */

async function* bytesOf(path: string, skip = 0): AsyncIterable<Uint8Array> {
  yield* createReadStream(path, { start: skip, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
}

async function* counted(pieces: AsyncIterable<string>, seen: { n: number }): AsyncIterable<string> {
  for await (const p of pieces) {
    seen.n++;
    yield p;
  }
  if (!seen.n)
    throw new AppError('no-data', 'None of the signals has data in this time window.', { hint: 'Choose a wider or earlier time window.' });
}

export interface AssembleOptions {
  text: TextOptions;
  /** xlsx: the window (a refusal proposes an interval) and the export record for its "Export" sheet. */
  window: { start: number; end: number };
  record(): unknown;
}

/** The segments' batches in order (parquet segments: an xlsx is written from rows, not joined). */
async function* segmentBatches(pieces: AsyncIterable<string>, columns: OutputColumn[]): AsyncIterable<RowBatch> {
  const specs = columns.map((c) => ({ names: [c.name], dataType: c.kind === 'string' ? ('string' as const) : c.kind }));
  for await (const path of pieces) yield* decodeBatches(path, 'parquet', { specs });
}

export async function* assembleFile(
  format: SaveFormat,
  columns: OutputColumn[],
  o: AssembleOptions,
  pieces: AsyncIterable<string>,
): AsyncIterable<Uint8Array> {
  const seen = { n: 0 };
  const text = o.text;
  switch (format) {
    case 'parquet':
      yield* appendParquet(counted(pieces, seen));
      return;
    case 'csv':
    case 'json': {
      const encoder = textEncoder({ format, columns: columns.map((c) => c.name), text });
      yield encoder.head();
      for await (const path of counted(pieces, seen)) yield* bytesOf(path, format === 'json' && seen.n === 1 ? 1 : 0);
      yield encoder.tail(seen.n);
      return;
    }
    case 'xlsx':
      yield* xlsxBytes(segmentBatches(counted(pieces, seen), columns), columns, {
        timeZone: text.timeZone,
        window: o.window,
        record: o.record,
      });
      return;
  }
}
