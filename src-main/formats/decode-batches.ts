import type { Format } from '../../src-preload/contract';
import { decodeFile } from '../exports/decode/decode-file';
import { DecodeError } from './decode-error';
import type { ColumnSpec, RowBatch } from './row-batch';

/*
 * INTERIM (replaced by the streaming byte-level decoders): decodes the whole file, then yields it
 * in batches with the columns matched to the specs by name.
 */

export interface DecodeOptions {
  specs: ColumnSpec[];
  batchRows?: number;
  signal?: AbortSignal;
}

export async function* decodeBatches(path: string, format: Format, opts: DecodeOptions): AsyncIterable<RowBatch> {
  const hints = Object.fromEntries(opts.specs.flatMap((s) => s.names.map((n) => [n, s.dataType])));
  const table = await decodeFile(path, format, hints);
  const columns = opts.specs.map((spec) => {
    const found = table.columns.filter((c) => spec.names.includes(c.name));
    if (found.length !== 1) throw new DecodeError(`The file has ${found.length} columns for "${spec.names[0]}".`);
    return found[0]!;
  });
  for (const c of table.columns) {
    if (!opts.specs.some((s) => s.names.includes(c.name)))
      throw new DecodeError(`The file has a column "${c.name}" that was not asked for.`);
  }
  const step = opts.batchRows ?? 65_536;
  for (let from = 0; from < table.rowCount || (from === 0 && table.rowCount === 0); from += step) {
    opts.signal?.throwIfAborted();
    const to = Math.min(table.rowCount, from + step);
    yield {
      rowCount: to - from,
      timestamps: table.timestamps.slice(from, to),
      columns: columns.map((c) => ({
        name: c.name,
        data:
          c.data.kind === 'string'
            ? { kind: 'string', values: c.data.values.slice(from, to) }
            : c.data.kind === 'float'
              ? { kind: 'float', values: c.data.values.slice(from, to) }
              : { kind: 'boolean', values: c.data.values.slice(from, to) },
      })),
    };
    if (table.rowCount === 0) break;
  }
}
