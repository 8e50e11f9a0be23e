import type { RowChunk } from '../values/row-chunks';
import { csvEncoder, jsonEncoder, type BatchEncoder } from '../../formats/encode-batches';
import { chunkToBatch } from './chunk-batch';
import type { FileSink } from './file-sink';

/*
 * csv and json output, one block of bytes per row chunk, written with backpressure, by the same
 * encoders as the app's exports: timestamps as ISO 8601 UTC with milliseconds, floats in the
 * shortest form that reads back to the same double, json signals as their JSON text (a string).
 */

/** Called between chunks; throws to stop the file (time limit, shutdown). */
export type Checkpoint = () => void;

const API_TEXT = { timeZone: 'UTC', localTimeColumn: false, excelLocale: null };

async function writeText(encoder: BatchEncoder, chunks: Iterable<RowChunk>, names: string[], sink: FileSink, checkpoint: Checkpoint) {
  await sink.write(encoder.head());
  let rows = 0;
  for (const chunk of chunks) {
    checkpoint();
    // A copy: the encoder reuses its buffer, and the file stream may still hold this one.
    await sink.write(Buffer.from(encoder.rows(chunkToBatch(chunk, names), rows === 0)));
    rows += chunk.length;
  }
  await sink.write(encoder.tail(rows));
}

export const writeCsv = (chunks: Iterable<RowChunk>, names: string[], sink: FileSink, checkpoint: Checkpoint) =>
  writeText(csvEncoder(names, API_TEXT), chunks, names, sink, checkpoint);

export const writeJson = (chunks: Iterable<RowChunk>, names: string[], sink: FileSink, checkpoint: Checkpoint) =>
  writeText(jsonEncoder(names, API_TEXT), chunks, names, sink, checkpoint);
