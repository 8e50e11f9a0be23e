/** Human-sized numbers for the window: bytes, counts and durations a plant engineer reads at a glance. */

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat('en-US').format(n);
}

/** `3 h 20 min`, `45 s`, `2 days 4 h`: the two largest parts are enough to judge a window or a gap. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const parts: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  const out: string[] = [];
  let rest = Math.abs(ms);
  for (const [size, name] of parts) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out.push(name === 'day' ? `${n} ${n === 1 ? 'day' : 'days'}` : `${n} ${name}`);
      rest -= n * size;
    }
    if (out.length === 2) break;
  }
  return out.join(' ');
}

/** `1 signal`, `3 signals`. */
export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;
