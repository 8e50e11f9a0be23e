import type { ColumnData, RowBatch } from '../formats/row-batch';
import type { StoreReader } from './store-reader';
import { STORE_VERSION, type StoreMeta } from './store-format';

/*
 * A chunk's store written as column groups (a read split by columns across the workers: each
 * worker wrote the timestamps and its columns, joined-store.ts), read as one store: a column is
 * read from its group, the timestamps and seeks from the first. The groups were checked to hold
 * the same rows when the chunk was read; they are checked again here, cheaply, by their metas.
 */

export class JoinedReader implements StoreReader {
  readonly meta: StoreMeta;
  private readonly at: { part: StoreReader; column: number }[];

  constructor(
    dir: string,
    private readonly parts: StoreReader[],
  ) {
    const first = parts[0]!.meta;
    for (const p of parts) {
      if (p.meta.rows !== first.rows || p.meta.firstTime !== first.firstTime || p.meta.lastTime !== first.lastTime) {
        throw new Error(`The row store in ${dir} is damaged: its column groups do not hold the same rows.`);
      }
    }
    this.at = parts.flatMap((part) => part.meta.columns.map((_, column) => ({ part, column })));
    // Pages are each group's own (its columns' offsets): the joined meta has none to give.
    this.meta = {
      version: STORE_VERSION,
      columns: parts.flatMap((p) => p.meta.columns),
      rows: first.rows,
      firstTime: first.firstTime,
      lastTime: first.lastTime,
      bytes: parts.reduce((n, p) => n + p.meta.bytes, 0),
      pages: [],
    };
  }

  private of(column: number): { part: StoreReader; column: number } {
    const at = this.at[column];
    if (!at) throw new RangeError(`Column ${column} is not in the store.`);
    return at;
  }

  get hasFine() {
    return this.parts.every((p) => p.hasFine);
  }

  async read(from: number, to: number, columns?: readonly number[]): Promise<RowBatch> {
    const picked = columns ?? this.at.map((_, i) => i);
    const byPart = new Map<StoreReader, number[]>();
    for (const c of picked) {
      const { part, column } = this.of(c);
      const cols = byPart.get(part);
      if (cols) cols.push(column);
      else byPart.set(part, [column]);
    }
    const [timestamps, ...reads] = await Promise.all([
      this.timestamps(from, to),
      ...[...byPart].map(async ([part, cols]) => [part, await part.read(from, to, cols)] as const),
    ]);
    const batches = new Map(reads);
    const taken = new Map<StoreReader, number>();
    const data: { name: string; data: ColumnData }[] = picked.map((c) => {
      const { part } = this.of(c);
      const i = taken.get(part) ?? 0;
      taken.set(part, i + 1);
      return batches.get(part)!.columns[i]!;
    });
    return { rowCount: to - from, timestamps, columns: data };
  }

  timestamps(from: number, to: number, into?: Float64Array): Promise<Float64Array> {
    return this.parts[0]!.timestamps(from, to, into);
  }

  readNumbers(column: number | 'timestamp', from: number, to: number, into?: Float64Array | Uint8Array) {
    if (column === 'timestamp') return this.parts[0]!.readNumbers(column, from, to, into);
    const at = this.of(column);
    return at.part.readNumbers(at.column, from, to, into);
  }

  readNumbersNow(column: number | 'timestamp', from: number, to: number, into: Float64Array | Uint8Array): boolean {
    if (column === 'timestamp') return this.parts[0]!.readNumbersNow(column, from, to, into);
    const at = this.of(column);
    return at.part.readNumbersNow(at.column, from, to, into);
  }

  readFineNow(column: number, from: number, to: number, into: Uint16Array): boolean {
    const at = this.of(column);
    return at.part.readFineNow(at.column, from, to, into);
  }

  readFine(column: number, from: number, to: number, into: Uint16Array): Promise<void> {
    const at = this.of(column);
    return at.part.readFine(at.column, from, to, into);
  }

  rowAtOrAfter(t: number) {
    return this.parts[0]!.rowAtOrAfter(t);
  }

  rowAfter(t: number) {
    return this.parts[0]!.rowAfter(t);
  }

  async *batches(opts: { columns?: readonly number[]; batchRows?: number; from?: number; to?: number } = {}): AsyncIterable<RowBatch> {
    const step = opts.batchRows ?? 65_536;
    const end = opts.to ?? this.meta.rows;
    for (let at = opts.from ?? 0; at < end; at += step) yield await this.read(at, Math.min(end, at + step), opts.columns);
  }

  async close() {
    await Promise.all(this.parts.map((p) => p.close()));
  }
}
