import { csvEncoder, jsonEncoder, type BatchEncoder, type TextOptions } from '../../formats/encode-batches';
import type { BatchSink } from './batch-sink';
import { openSinkFile } from './sink-file';

/*
 * csv or json from batches into one file. `segment`: a piece of a larger file, to be concatenated
 * after others (assemble-file.ts): no csv header, no json brackets, and every json row led by its
 * comma, so that pieces that finish in any order join into exactly the file one writer would make.
 */

export interface TextSinkOptions {
  format: 'csv' | 'json';
  columns: string[];
  text: TextOptions;
  segment: boolean;
}

export function textEncoder(o: Pick<TextSinkOptions, 'format' | 'columns' | 'text'>): BatchEncoder {
  return o.format === 'csv' ? csvEncoder(o.columns, o.text) : jsonEncoder(o.columns, o.text);
}

export async function createTextSink(path: string, o: TextSinkOptions): Promise<BatchSink> {
  const encoder = textEncoder(o);
  const file = await openSinkFile(path);
  let rows = 0;
  if (!o.segment) await file.write(encoder.head());
  return {
    async add(batch) {
      if (!batch.rowCount) return;
      await file.write(encoder.rows(batch, !o.segment && rows === 0));
      rows += batch.rowCount;
    },
    async finish() {
      try {
        if (!o.segment) await file.write(encoder.tail(rows));
      } finally {
        await file.close();
      }
      return { bytes: file.bytes, files: [path] };
    },
    abort: () => file.remove(),
  };
}
