import type { RollingFn } from '../../src-preload/contract/derive';
import { ExactSum } from './exact-sum';
import { Samples, type SavedSamples } from './samples';
import { BOOL_NULL, type Vec } from './vectors';

/*
 * The functions that look back in time, each a node with state carried from batch to batch (and,
 * saved, from chunk to chunk). Their definitions, for a row at time t (elapsed times computed as
 * written here, so that the tests' whole-table reference gives the same bits):
 *
 * - rolling_*(x, w): the values of x (present and finite) at the rows j up to this one with
 *   t - t_j < w. Empty: missing. Sums are exact (exact-sum.ts), so a window's sum is the same
 *   whatever came before it.
 * - shift(x, d, h): the value of x at its last sample j with t_j <= t - d, if (t - d) - t_j < h.
 *   hold(x, h) is shift(x, 0, h).
 * - diff(x, h): at a row where x is present, x - x_j, j its previous sample, if t - t_j < h;
 *   rate(x, h): that divided by (t - t_j) / 1000 (missing when t_j = t).
 *
 * So a node at time t depends on no row before t - (w, d + h or h): that is its lead-in (see
 * checkExpression), and why a chunk that first reads that much of the time before it is exact.
 */

export interface StatefulNode {
  save(): SavedSamples;
}

/** Present and finite: what a window counts (an infinity from a file is treated as missing). */
const usable = (v: number) => v - v === 0;

export class Rolling implements StatefulNode {
  private readonly samples: Samples;
  private readonly sum: ExactSum | null;
  private readonly deque: boolean;

  constructor(
    private readonly fn: RollingFn,
    private readonly w: number,
    saved?: SavedSamples,
  ) {
    this.samples = new Samples(true, saved);
    this.deque = fn === 'rolling_min' || fn === 'rolling_max';
    this.sum = this.deque ? null : new ExactSum();
    if (this.sum) for (let i = 0; i < this.samples.length; i++) this.sum.add(this.samples.numberAt(i));
  }

  run(t: Float64Array, x: Float64Array, n: number): Float64Array {
    const out = new Float64Array(n);
    const s = this.samples;
    const sum = this.sum;
    const w = this.w;
    const min = this.fn === 'rolling_min';
    const mean = this.fn === 'rolling_mean';
    for (let i = 0; i < n; i++) {
      const ti = t[i]!;
      const v = x[i]!;
      if (usable(v)) {
        // min/max keep a monotonic run: a sample that a newer, smaller (larger) one outlives can never be the answer.
        if (this.deque) while (s.length && (min ? s.numberAt(s.length - 1) >= v : s.numberAt(s.length - 1) <= v)) s.pop();
        s.push(ti, v);
        sum?.add(v);
      }
      while (s.length && ti - s.timeAt(0) >= w) {
        sum?.add(-s.numberAt(0));
        s.shift();
      }
      if (!s.length) out[i] = NaN;
      else if (!sum) out[i] = s.numberAt(0);
      else out[i] = mean ? sum.value() / s.length : sum.value();
    }
    return out;
  }

  save(): SavedSamples {
    return this.samples.save();
  }
}

export class Shift implements StatefulNode {
  private readonly samples: Samples;

  constructor(
    private readonly kind: Vec['kind'],
    private readonly by: number,
    private readonly hold: number,
    saved?: SavedSamples,
  ) {
    this.samples = new Samples(kind !== 'string', saved);
  }

  run(t: Float64Array, x: Vec, n: number): Vec {
    const s = this.samples;
    const kind = this.kind;
    const numbers = kind === 'number' ? new Float64Array(n) : null;
    const bools = kind === 'boolean' ? new Uint8Array(n) : null;
    const texts = kind === 'string' ? new Array<string | null>(n) : null;
    for (let i = 0; i < n; i++) {
      const ti = t[i]!;
      const v = x.values[i]!;
      if (kind === 'number' ? usable(v as number) : kind === 'boolean' ? v !== BOOL_NULL : v !== null) s.push(ti, v);
      const target = ti - this.by;
      while (s.length >= 2 && s.timeAt(1) <= target) s.shift();
      let found = false;
      if (s.length && s.timeAt(0) <= target) {
        if (target - s.timeAt(0) < this.hold) found = true;
        else s.shift();
      }
      if (numbers) numbers[i] = found ? s.numberAt(0) : NaN;
      else if (bools) bools[i] = found ? s.numberAt(0) : BOOL_NULL;
      else texts![i] = found ? (s.valueAt(0) as string) : null;
    }
    if (numbers) return { kind: 'number', values: numbers };
    if (bools) return { kind: 'boolean', values: bools };
    return { kind: 'string', values: texts! };
  }

  save(): SavedSamples {
    return this.samples.save();
  }
}

export class Difference implements StatefulNode {
  private readonly prev: Samples;

  constructor(
    private readonly perSecond: boolean,
    private readonly hold: number,
    saved?: SavedSamples,
  ) {
    this.prev = new Samples(true, saved);
    if (this.prev.length > 1) throw new Error('A saved state that does not fit this expression');
  }

  run(t: Float64Array, x: Float64Array, n: number): Float64Array {
    const out = new Float64Array(n);
    const p = this.prev;
    let has = p.length === 1;
    let pt = has ? p.timeAt(0) : 0;
    let pv = has ? p.numberAt(0) : 0;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (!usable(v)) {
        out[i] = NaN;
        continue;
      }
      const ti = t[i]!;
      let r = NaN;
      if (has && ti - pt < this.hold) {
        r = v - pv;
        if (this.perSecond) r = ti > pt ? r / ((ti - pt) / 1000) : NaN;
      }
      out[i] = r - r === 0 ? r : NaN;
      has = true;
      pt = ti;
      pv = v;
    }
    if (has) {
      if (p.length) p.shift();
      p.push(pt, pv);
    }
    return out;
  }

  save(): SavedSamples {
    return this.prev.save();
  }
}
