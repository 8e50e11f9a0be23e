import { open, rm } from 'node:fs/promises';
import { csvEncoder, jsonEncoder, type BatchEncoder, type TextOptions } from '../../formats/encode-batches';
import type { BatchSink } from './batch-sink';

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
  const handle = await open(path, 'w');
  let bytes = 0;
  let rows = 0;
  const put = async (data: Uint8Array) => {
    if (!data.length) return;
    await handle.write(data);
    bytes += data.length;
  };
  if (!o.segment) await put(encoder.head());
  return {
    async add(batch) {
      if (!batch.rowCount) return;
      await put(encoder.rows(batch, !o.segment && rows === 0));
      rows += batch.rowCount;
    },
    async finish() {
      try {
        if (!o.segment) await put(encoder.tail(rows));
      } finally {
        await handle.close();
      }
      return { bytes, files: [path] };
    },
    async abort() {
      await handle.close().catch(() => undefined);
      await rm(path, { force: true });
    },
  };
}
