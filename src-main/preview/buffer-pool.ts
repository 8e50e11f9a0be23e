/*
 * ArrayBuffers reused from one answer to the next. An answer of XL's full view needs 3.2 MB of
 * points, ~2 MB of plans and a 3.2 MB envelope; allocated afresh, they kept V8 collecting in the
 * host: 47 mark-compacts for 64 zooms of XL, each answer's median 6-14 ms for 4-5 ms of work
 * (bench `zoom XL`, --trace-gc). V8 starts marking as the bytes of new ArrayBuffers pile up,
 * however short-lived; reusing them leaves it nothing to do.
 */

/** Buffers larger than this are not kept: a 20,000-pixel chart's one-off answer is let go. */
const KEEP_MAX_BYTES = 16 * 2 ** 20;
/** Nor more than this in all (XL's zooms keep ~22 MB: a 16 MB raw read, four 1 MB point slabs, plans). */
const KEEP_TOTAL_BYTES = 32 * 2 ** 20;

export class BufferPool {
  private readonly free: ArrayBuffer[] = [];

  constructor(private readonly keep = 8) {}

  /** A buffer of at least `bytes` (its contents are whatever the last user left). */
  take(bytes: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i]!;
      if (b.byteLength >= bytes && (best < 0 || b.byteLength < this.free[best]!.byteLength)) best = i;
    }
    if (best >= 0) return this.free.splice(best, 1)[0]!;
    // Rounded up to a power of two (at least 64 kB): the next, slightly bigger answer fits too.
    return new ArrayBuffer(Math.max(1 << 16, 2 ** Math.ceil(Math.log2(Math.max(1, bytes)))));
  }

  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength > KEEP_MAX_BYTES || this.free.includes(buffer)) return;
    this.free.push(buffer);
    // Beyond `keep` buffers or KEEP_TOTAL_BYTES, the smallest go: the least likely to fit the next answer.
    this.free.sort((a, b) => b.byteLength - a.byteLength);
    let kept = 0;
    let total = 0;
    while (kept < Math.min(this.keep, this.free.length) && total + this.free[kept]!.byteLength <= KEEP_TOTAL_BYTES)
      total += this.free[kept++]!.byteLength;
    this.free.length = kept;
  }
}

/**
 * Doubles handed out in slices of pooled buffers, all given back at once by release(). Slices
 * stay valid until then: the caller decides when nothing reads them any more.
 */
export class DoublesArena {
  private readonly held: ArrayBuffer[] = [];
  private current: Float64Array = new Float64Array(0);
  private used = 0;

  constructor(private readonly pool: BufferPool) {}

  take(n: number): Float64Array {
    if (this.used + n > this.current.length) {
      const buffer = this.pool.take(Math.max(n * 8, 1 << 20));
      this.held.push(buffer);
      this.current = new Float64Array(buffer);
      this.used = 0;
    }
    const slice = this.current.subarray(this.used, this.used + n);
    this.used += n;
    return slice;
  }

  release(): void {
    for (const b of this.held) this.pool.give(b);
    this.held.length = 0;
    this.current = new Float64Array(0);
    this.used = 0;
  }
}

/** The pool every preview answer takes its buffers from (one process, answers may overlap). */
export const previewBuffers = new BufferPool();
