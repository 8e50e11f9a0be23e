import type { SignalSamples } from '../catalog/catalog-types';
import { DEFAULT_CHUNK_ROWS, rowChunks, type RowChunk, type TimeWindow } from '../values/row-chunks';
import { FileSink } from './file-sink';
import { writeParquet } from './write-parquet';
import type { ParquetStyle } from './parquet-styles';
import { writeCsv, writeJson } from './write-text';

export type OutputFormat = 'parquet' | 'csv' | 'json';

export interface ProduceRequest {
  signals: SignalSamples[];
  /** Column names, one per signal, in the same order. */
  names: string[];
  window: TimeWindow;
  format: OutputFormat;
  /** Where to write; removed again if production fails. */
  path: string;
  /** performance.now() after which production stops with ProductionTimeout. */
  deadline?: number;
  abort?: AbortSignal;
  chunkRows?: number;
  /** How a parquet file is written (parquet-styles.ts); default `default`, our own writer. */
  parquetStyle?: ParquetStyle;
}

export interface ProducedFile {
  rows: number;
  bytes: number;
  md5: string;
}

/** Production took longer than the configured limit (the API answers "Request timed out"). */
export class ProductionTimeout extends Error {
  constructor() {
    super('Producing the file exceeded the time limit');
  }
}

/** Writes the file for a data request, streaming chunk by chunk. */
export async function produceFile(req: ProduceRequest): Promise<ProducedFile> {
  const chunkRows = req.chunkRows ?? DEFAULT_CHUNK_ROWS;
  let rows = 0;
  const chunks = counted(rowChunks(req.signals, req.window, chunkRows), (n) => (rows += n));
  const checkpoint = () => {
    if (req.deadline !== undefined && performance.now() > req.deadline) throw new ProductionTimeout();
    req.abort?.throwIfAborted();
  };
  const sink = new FileSink(req.path);
  try {
    switch (req.format) {
      case 'csv':
        await writeCsv(chunks, req.names, sink, checkpoint);
        break;
      case 'json':
        await writeJson(chunks, req.names, sink, checkpoint);
        break;
      case 'parquet': {
        const columns = req.signals.map((s, i) => ({ name: req.names[i]!, dataType: s.dataType }));
        const written = await writeParquet(chunks, columns, sink, checkpoint, chunkRows, req.parquetStyle);
        if (written !== null) rows = written;
        break;
      }
    }
    const { bytes, md5 } = await sink.close();
    return { rows, bytes, md5 };
  } catch (err) {
    await sink.discard();
    throw err;
  }
}

function* counted(chunks: Iterable<RowChunk>, add: (n: number) => void): Generator<RowChunk, void, undefined> {
  for (const chunk of chunks) {
    add(chunk.length);
    yield chunk;
  }
}
