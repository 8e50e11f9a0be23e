import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './format';

describe('formatBytes', () => {
  it('keeps small sizes exact and larger ones short', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
  });
});

describe('formatDuration', () => {
  it('says the two largest parts', () => {
    expect(formatDuration(3_600_000 * 3 + 60_000 * 20 + 5000)).toBe('3 h 20 min');
    expect(formatDuration(86_400_000 * 2 + 3_600_000 * 4)).toBe('2 days 4 h');
    expect(formatDuration(45_000)).toBe('45 s');
  });
});
