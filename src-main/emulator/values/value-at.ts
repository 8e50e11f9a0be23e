import type { FloatModel, Gaps, JsonModel, ValueModel } from '../catalog/catalog-schema';
import type { SignalSamples } from '../catalog/catalog-types';
import { hash01, smoothNoise } from './hash';

/** A sample: float -> number, boolean -> boolean, string -> string, json -> its JSON text. */
export type SampleValue = number | boolean | string | null;

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.2425;
// Salts keep the draws of different features of one signal independent.
const NOISE_SALT = 0x51ed;
const STEP_SALT = 0x5be9;
const STATE_SALT = 0x2a7f;
const GAP_SALT = 0x6a9d;
const GAP_OFFSET_SALT = 0x1f3b;

/**
 * The value of `signal` at `timestampMs`, or null where it has none: off its sampling grid,
 * before its origin or activeFrom, from activeUntil on, or inside a gap. Pure: the same
 * (signal, timestamp) always gives the same value. It knows no clock: the server also stops at
 * "now", tests that compare files with valueAt use windows in the past.
 */
export function valueAt(signal: SignalSamples, timestampMs: number): SampleValue {
  if (!Number.isFinite(timestampMs)) return null;
  const rel = timestampMs - signal.originMs;
  if (rel < 0 || rel % signal.periodMs !== 0) return null;
  if (timestampMs < signal.activeFromMs || timestampMs >= signal.activeUntilMs) return null;
  return samplerFor(signal)(timestampMs);
}

/** (timestampMs) => value, for timestamps already known to be on the grid and active. */
export type Sampler = (timestampMs: number) => SampleValue;

const samplers = new WeakMap<SignalSamples, Sampler>();

/** The signal's compiled sampler (cached): the row builder calls it millions of times. */
export function samplerFor(signal: SignalSamples): Sampler {
  let sampler = samplers.get(signal);
  if (!sampler) {
    sampler = compile(signal);
    samplers.set(signal, sampler);
  }
  return sampler;
}

function compile(signal: SignalSamples): Sampler {
  const { originMs, periodMs, seed, gaps } = signal;
  const value = compileModel(signal.model, seed, signal.id, periodMs, originMs);
  if (!gaps) return (t) => value(t - originMs);
  const inGap = compileGaps(gaps, gaps.seed ?? seed);
  return (t) => {
    const rel = t - originMs;
    return inGap(rel) ? null : value(rel);
  };
}

function compileModel(model: ValueModel, seed: number, id: number, periodMs: number, originMs: number): (rel: number) => SampleValue {
  switch (model.type) {
    case 'float':
      return compileFloat(model, seed, id, periodMs, originMs);
    case 'boolean': {
      const slotMs = model.slotS * 1000;
      return (rel) => hash01(seed ^ STATE_SALT, Math.floor(rel / slotMs)) < model.pTrue;
    }
    case 'string': {
      const slotMs = model.slotS * 1000;
      const pick = weightedPicker(model.states, model.weights);
      return (rel) => pick(hash01(seed ^ STATE_SALT, Math.floor(rel / slotMs)));
    }
    case 'json':
      return compileJson(model, seed);
  }
}

// `seed` drives the shape (shared by correlated signals), `id` the white noise (never shared:
// three blade pitch angles follow one wind but each sensor has its own jitter).
function compileFloat(m: FloatModel, seed: number, id: number, periodMs: number, originMs: number): (rel: number) => number {
  const scale = 10 ** m.decimals;
  const min = m.min ?? Number.NEGATIVE_INFINITY;
  const max = m.max ?? Number.POSITIVE_INFINITY;
  const { daily, yearly, wander, sawtooth, steps, curve } = m;
  const trend = m.trendPerDay ?? 0;
  const noise = m.noise ?? 0;
  const wanderNoise = wander ? smoothNoise(seed) : null;
  return (t) => {
    // t is relative to the origin; cycles use the absolute instant (UTC).
    let v = m.base;
    if (daily) {
      const hour = ((t + originMs) % DAY_MS) / 3_600_000;
      v += daily.amplitude * Math.cos((2 * Math.PI * (hour - daily.peakHour)) / 24);
    }
    if (yearly) {
      // Days since 1970-01-01 modulo a mean year: within a day of the calendar's day-of-year.
      const dayOfYear = ((t + originMs) / DAY_MS) % YEAR_DAYS;
      v += yearly.amplitude * Math.cos((2 * Math.PI * (dayOfYear - yearly.peakDay)) / YEAR_DAYS);
    }
    if (wander && wanderNoise) v += wander.amplitude * wanderNoise(t / (wander.periodS * 1000));
    if (trend) v += (trend * t) / DAY_MS;
    if (sawtooth) {
      const p = sawtooth.periodS * 1000;
      v += (sawtooth.amplitude * (t % p)) / p;
    }
    if (steps) {
      const k = Math.floor(hash01(seed ^ STEP_SALT, Math.floor(t / (steps.periodS * 1000))) * steps.levels.length);
      v += steps.levels[k] ?? 0;
    }
    if (curve) v = applyCurve(curve, v);
    if (noise) v += noise * (hash01(id ^ NOISE_SALT, t / periodMs) * 2 - 1);
    v = v < min ? min : v > max ? max : v;
    // Rounding keeps text files short and every format's number identical; + 0 turns -0 into 0.
    return Math.round(v * scale) / scale + 0;
  };
}

function applyCurve(c: NonNullable<FloatModel['curve']>, wind: number): number {
  if (wind < c.cutIn || wind >= c.cutOut) return c.idle;
  if (wind >= c.rated) return c.max;
  return c.idle + (c.max - c.idle) * ((wind - c.cutIn) / (c.rated - c.cutIn)) ** c.exponent;
}

function weightedPicker(states: string[], weights?: number[]): (u: number) => string {
  const w = states.map((_, i) => weights?.[i] ?? 1);
  const total = w.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const x of w) cumulative.push((sum += x) / total);
  return (u) => {
    for (let i = 0; i < cumulative.length; i++) if (u < (cumulative[i] ?? 1)) return states[i] ?? '';
    return states[states.length - 1] ?? '';
  };
}

function compileJson(model: JsonModel, seed: number): (rel: number) => string {
  const slotMs = model.slotS * 1000;
  const fields = Object.entries(model.fields).map(([name, spec], k) => {
    const s = seed ^ Math.imul(k + 1, 7919);
    if ('choice' in spec) return (slot: number) => [name, spec.choice[Math.floor(hash01(s, slot) * spec.choice.length)]];
    if ('range' in spec) {
      const [lo, hi] = spec.range;
      const scale = 10 ** spec.decimals;
      return (slot: number) => [name, Math.round((lo + hash01(s, slot) * (hi - lo)) * scale) / scale + 0];
    }
    return (slot: number) => [name, `${spec.sequence}${slot}`];
  });
  return (rel) => {
    const slot = Math.floor(rel / slotMs);
    return JSON.stringify(Object.fromEntries(fields.map((f) => f(slot))));
  };
}

// Samples come in time order, so the bucket's draw is remembered: one draw per bucket, not per sample.
function compileGaps(g: Gaps, seed: number): (rel: number) => boolean {
  const bucketMs = g.bucketS * 1000;
  let bucket = Number.NaN;
  let gap: { start: number; end: number } | null = null;
  return (rel) => {
    const b = Math.floor(rel / bucketMs);
    if (b !== bucket) {
      bucket = b;
      gap = gapOfBucket(g, seed, b);
    }
    return gap !== null && rel >= gap.start && rel < gap.end;
  };
}

/**
 * The outage drawn for bucket `b` (buckets of `bucketS` from the origin), as [start, end) in ms
 * relative to the origin, or null: the one rule for the sampler and for counting rows.
 */
export function gapOfBucket(g: Gaps, seed: number, b: number): { start: number; end: number } | null {
  if (hash01(seed ^ GAP_SALT, b) >= g.probability) return null;
  const bucketMs = g.bucketS * 1000;
  const lengthMs = Math.min(g.lengthS * 1000, bucketMs);
  const start = b * bucketMs + Math.floor(hash01(seed ^ GAP_OFFSET_SALT, b) * (bucketMs - lengthMs));
  return { start, end: start + lengthMs };
}
