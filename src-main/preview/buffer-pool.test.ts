import { describe, expect, it } from 'vitest';
import { BufferPool, DoublesArena } from './buffer-pool';

describe('buffer pool', () => {
  it('gives a buffer back to the next taker that fits, the smallest that does', () => {
    const pool = new BufferPool();
    const big = pool.take(3 << 20);
    const small = pool.take(100_000);
    expect(big.byteLength).toBeGreaterThanOrEqual(3 << 20);
    pool.give(big);
    pool.give(small);
    expect(pool.take(50_000)).toBe(small);
    expect(pool.take(1 << 20)).toBe(big);
    // Nothing free fits: a new one.
    expect(pool.take(1 << 20)).not.toBe(big);
  });

  it('keeps at most `keep` buffers, the largest, and none over 16 MB', () => {
    const pool = new BufferPool(2);
    const [a, b, c] = [pool.take(1 << 16), pool.take(1 << 18), pool.take(1 << 20)];
    const huge = pool.take(40 << 20);
    for (const x of [a, b, c, huge]) pool.give(x);
    expect(pool.take(1)).toBe(b);
    expect(pool.take(1)).toBe(c);
    const again = pool.take(40 << 20);
    expect(again).not.toBe(huge);
  });

  it('keeps at most 32 MB in all', () => {
    const pool = new BufferPool();
    const sixteen = [pool.take(16 << 20), pool.take(16 << 20), pool.take(16 << 20)];
    for (const b of sixteen) pool.give(b);
    const back = [pool.take(1), pool.take(1), pool.take(1)];
    expect(back.filter((b) => sixteen.includes(b))).toHaveLength(2);
  });
});

describe('doubles arena', () => {
  it('hands out disjoint slices that keep their values until release, then lends the same memory again', () => {
    const pool = new BufferPool();
    const arena = new DoublesArena(pool);
    const slices = [3, 200_000, 5, 70_000].map((n, i) => arena.take(n).fill(i + 1));
    slices.forEach((s, i) => expect(s.every((x) => x === i + 1)).toBe(true));
    const buffers = new Set(slices.map((s) => s.buffer));
    arena.release();
    const next = new DoublesArena(pool);
    expect(buffers.has(next.take(10).buffer)).toBe(true);
  });
});
