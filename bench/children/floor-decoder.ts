/*
 * The decode floor in a process of its own (parquet-wasm's memory never shrinks, and the bench's
 * own process should not carry it): decodes one file `runs` times after a warm-up with the
 * fastest decoder for its format, and answers the times and a fingerprint of what it read.
 */
import type { Format } from '../../src-preload/contract';
import { decodeParquetFast } from '../floor/decode-parquet-fast';
import { decodeCsvFast, decodeJsonFast } from '../floor/decode-text-fast';
import { fingerprint, type FloorTable } from '../floor/floor-table';
import { serveParent } from '../lib/proc';

function decode(path: string, format: Format, estimatedRows: number): FloorTable {
  if (format === 'parquet') return decodeParquetFast(path);
  return format === 'csv' ? decodeCsvFast(path, estimatedRows) : decodeJsonFast(path, estimatedRows);
}

serveParent({
  decode: (msg) => {
    const { path, format, runs, warmup, rows } = msg as unknown as {
      path: string;
      format: Format;
      runs: number;
      warmup: number;
      rows: number;
    };
    let last: FloorTable | null = null;
    const times: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      last = null; // let the previous table go before the next decode
      const t0 = performance.now();
      last = decode(path, format, rows);
      const ms = performance.now() - t0;
      if (i >= warmup) times.push(ms);
    }
    return { times, fingerprint: last ? fingerprint(last) : '' };
  },
});
process.send!({ type: 'ready' });
