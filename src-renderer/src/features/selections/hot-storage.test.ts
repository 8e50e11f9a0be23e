import { describe, expect, it } from 'vitest';
import { HOT_STORAGE_MS, hotStorageCut } from './hot-storage';

describe('hot storage', () => {
  const now = Date.UTC(2026, 10, 26, 12);
  it('warns for a window that ends within the last day, saying where downloadable data ends', () => {
    expect(hotStorageCut(now, now)).toBe(now - HOT_STORAGE_MS);
    expect(hotStorageCut(now - HOT_STORAGE_MS + 1, now)).toBe(now - HOT_STORAGE_MS);
  });
  it('is quiet for a window that ended a day ago or earlier', () => {
    expect(hotStorageCut(now - HOT_STORAGE_MS, now)).toBeNull();
    expect(hotStorageCut(now - 7 * HOT_STORAGE_MS, now)).toBeNull();
  });
});
