/*
 * SVG paths of a series, built straight from its arrays: one `M` per unbroken stretch (a null in
 * a line is a real gap in the source and starts a new stretch), `L` between the points of a line,
 * horizontal-then-vertical steps for a lane. recharts' own <Line> makes several objects per point
 * (its points, tooltip entries, scale calls); with one M4 bucket per pixel column a chart holds
 * thousands of points, and that, not the path, was the cost of a repaint.
 */

/** value -> pixel, as the axis' linear scale maps it. */
export type Linear = (value: number) => number;

/** A linear map through two points of a scale (recharts' numeric scales are linear). */
export function linearFrom(scale: (v: number) => number | undefined, d0: number, d1: number): Linear | null {
  const p0 = scale(d0);
  const p1 = scale(d1);
  if (p0 === undefined || p1 === undefined || d0 === d1) return null;
  const k = (p1 - p0) / (d1 - d0);
  return (v) => p0 + (v - d0) * k;
}

const r = (x: number) => Math.round(x * 100) / 100;

/** A line through (t, v); a null value breaks it. */
export function linePath(t: readonly number[], v: readonly (number | null)[], x: Linear, y: Linear): string {
  let d = '';
  let open = false;
  for (let i = 0; i < t.length; i++) {
    const value = v[i];
    if (value === null || value === undefined) {
      open = false;
      continue;
    }
    d += `${open ? 'L' : 'M'}${r(x(t[i]!))},${r(y(value))}`;
    open = true;
  }
  return d;
}

/** A lane: each state held until the next change (`stepAfter`). */
export function stepPath(t: readonly number[], v: readonly number[], x: Linear, y: Linear): string {
  if (!t.length) return '';
  let d = `M${r(x(t[0]!))},${r(y(v[0]!))}`;
  for (let i = 1; i < t.length; i++) d += `H${r(x(t[i]!))}V${r(y(v[i]!))}`;
  return d;
}

/** The lowest and highest value of the given lines (nulls skipped), or around a flat line; null when there is none. */
export function valueExtent(lines: readonly (readonly (number | null)[])[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of lines) {
    for (const x of v) {
      if (x === null) continue;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  if (lo > hi) return null;
  if (lo === hi) return [lo - (Math.abs(lo) || 1) / 2, hi + (Math.abs(hi) || 1) / 2];
  return [lo, hi];
}

/** A y-axis for [lo, hi]: about `count` ticks at round steps (1, 2, 2.5, 5 × 10^n) and the domain they span. */
export function niceAxis(lo: number, hi: number, count = 5): { domain: [number, number]; ticks: number[] } {
  const raw = (hi - lo) / Math.max(count - 1, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const first = Math.floor(lo / step) * step;
  const last = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's decimals, so that 0.1 + 0.2 shows as 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Number(v.toFixed(decimals)));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}
