import { openStore, type StoreReader } from '../store/store-reader';
import { usualSpacing } from '../store/spacing-histogram';
import type { ChunkInput } from './preview-types';

/*
 * The chunks of one export loaded so far, in time order, with where each one's rows start in the
 * export and whether it follows the previous one without a missing chunk between. Stores are opened
 * when first read and kept open up to MAX_OPEN_STORES (a year in daily chunks has 365, each a file
 * handle); the least recently used idle one is closed beyond that.
 */

export const MAX_OPEN_STORES = 32;

export interface LoadedChunk extends ChunkInput {
  rowOffset: number;
  /** The chunk just before it in the window is loaded too (so a pause between them is a real one). */
  followsPrevious: boolean;
}

interface OpenStore {
  store: Promise<StoreReader>;
  /** The store once open: used at once by readers that do not wait. */
  ready?: StoreReader;
  users: number;
  used: number;
  closeWhenIdle?: () => void;
}

export class ChunkSet {
  private chunks: LoadedChunk[] = [];
  private readonly open = new Map<string, OpenStore>();
  private spacing: (number | null)[] | null = null;
  private clock = 0;
  /** Changes whenever a chunk is added: cached answers keyed on it. */
  version = 0;
  rows = 0;

  constructor(private readonly columns: number) {}

  get list(): readonly LoadedChunk[] {
    return this.chunks;
  }

  add(chunk: ChunkInput): void {
    const replaced = this.chunks.find((c) => c.name === chunk.name);
    // A chunk ingested again (a retry) may have rewritten its store: read it afresh.
    if (replaced) this.forget(replaced.storeDir);
    this.forget(chunk.storeDir);
    const others = this.chunks.filter((c) => c.name !== chunk.name);
    const sorted = [...others, { ...chunk, rowOffset: 0, followsPrevious: false }].sort((a, b) => a.window.start - b.window.start);
    let offset = 0;
    sorted.forEach((c, i) => {
      c.rowOffset = offset;
      c.followsPrevious = i > 0 && sorted[i - 1]!.window.end === c.window.start;
      offset += c.summary.rows;
    });
    this.chunks = sorted;
    this.rows = offset;
    this.spacing = null;
    this.version++;
  }

  /** The usual spacing of column c over every loaded chunk (histograms merged in time order, so the same whatever order chunks came in). */
  usualSpacing(c: number): number | null {
    this.spacing ??= Array.from({ length: this.columns }, (_, col) => usualSpacing(this.chunks.map((ch) => ch.summary.spacing[col]!)));
    return this.spacing[c]!;
  }

  async withStore<T>(chunk: ChunkInput, use: (store: StoreReader) => Promise<T>): Promise<T> {
    let entry = this.open.get(chunk.storeDir);
    if (!entry) {
      const opened: OpenStore = { store: openStore(chunk.storeDir), users: 0, used: 0 };
      entry = opened;
      this.open.set(chunk.storeDir, entry);
      // A store that failed to open is not kept; the failure reaches whoever awaits it.
      entry.store.then(
        (s) => (opened.ready = s),
        () => this.open.delete(chunk.storeDir),
      );
    }
    entry.users++;
    entry.used = ++this.clock;
    try {
      return await use(await entry.store);
    } finally {
      entry.users--;
      if (!entry.users) entry.closeWhenIdle?.();
      this.closeIdle();
    }
  }

  /**
   * The chunk's store if it is open, for reads done now (nothing can close it before this turn of
   * the event loop ends); null: open it with withStore.
   */
  storeNow(chunk: ChunkInput): StoreReader | null {
    const entry = this.open.get(chunk.storeDir);
    if (!entry?.ready) return null;
    entry.used = ++this.clock;
    return entry.ready;
  }

  /** Closes a store once its current readers are done; the next read opens it again. */
  private forget(dir: string) {
    const entry = this.open.get(dir);
    if (!entry) return;
    this.open.delete(dir);
    // Closing a read-only store: a failure loses nothing (and one that never opened was told already).
    const close = () => void entry.store.then((s) => s.close()).catch(() => {});
    if (!entry.users) close();
    else entry.closeWhenIdle = close;
  }

  private closeIdle() {
    while (this.open.size > MAX_OPEN_STORES) {
      let oldest: [string, OpenStore] | null = null;
      for (const e of this.open) if (!e[1].users && (!oldest || e[1].used < oldest[1].used)) oldest = e;
      if (!oldest) return;
      this.open.delete(oldest[0]);
      // Read-only, as above: nothing to lose in a failed close.
      void oldest[1].store.then((s) => s.close()).catch(() => {});
    }
  }

  async close(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    // Read-only stores: a failed close loses nothing, and must not stop the others closing.
    await Promise.all(all.map((e) => e.store.then((s) => s.close()).catch(() => {})));
  }
}
