import type { FunctionName } from './syntax';

/*
 * The functions of the derive language: how many arguments each takes and what it does, for the
 * parser (arity), the checker (types) and the window (help text). Their exact definitions, which
 * the main process's evaluator implements, are in README.md beside this file.
 */

export interface FunctionDef {
  /** Fewest and most arguments (Infinity: any number). */
  min: number;
  max: number;
  /** How it is written, for messages and help. */
  usage: string;
  doc: string;
}

export const FUNCTIONS: Record<FunctionName, FunctionDef> = {
  abs: { min: 1, max: 1, usage: 'abs(x)', doc: 'The absolute value.' },
  min: { min: 2, max: Infinity, usage: 'min(a, b, …)', doc: 'The smallest of the values present (missing only when all are).' },
  max: { min: 2, max: Infinity, usage: 'max(a, b, …)', doc: 'The largest of the values present (missing only when all are).' },
  if: {
    min: 3,
    max: 3,
    usage: 'if(condition, a, b)',
    doc: 'a where the condition holds, b where it does not, missing where it is unknown.',
  },
  convert: { min: 3, max: 3, usage: 'convert(x, "degC", "degF")', doc: 'x from one unit to another of the same quantity.' },
  hold: {
    min: 1,
    max: 2,
    usage: 'hold(x) or hold(x, 6h)',
    doc: 'The last value of x at or before each row, if at most 1h (or the given hold) old: puts signals sampled at different rates side by side.',
  },
  shift: {
    min: 2,
    max: 3,
    usage: 'shift(x, 10m) or shift(x, 10m, 6h)',
    doc: 'The value x had 10m earlier: its last sample at or before then, if at most 1h (or the given hold) older.',
  },
  rolling_mean: {
    min: 2,
    max: 2,
    usage: 'rolling_mean(x, 10m)',
    doc: 'The mean of the values of x in the 10m up to and including each row.',
  },
  rolling_min: { min: 2, max: 2, usage: 'rolling_min(x, 10m)', doc: 'The smallest value of x in the 10m up to and including each row.' },
  rolling_max: { min: 2, max: 2, usage: 'rolling_max(x, 10m)', doc: 'The largest value of x in the 10m up to and including each row.' },
  rolling_sum: { min: 2, max: 2, usage: 'rolling_sum(x, 10m)', doc: 'The sum of the values of x in the 10m up to and including each row.' },
  diff: {
    min: 1,
    max: 2,
    usage: 'diff(x) or diff(x, 6h)',
    doc: 'x minus its previous sample, if that is at most 1h (or the given hold) earlier.',
  },
  rate: {
    min: 1,
    max: 2,
    usage: 'rate(x) or rate(x, 6h)',
    doc: 'diff(x) per second of time since the previous sample.',
  },
};

export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

export const isFunctionName = (name: string): name is FunctionName => Object.prototype.hasOwnProperty.call(FUNCTIONS, name);

export const ROLLING = ['rolling_mean', 'rolling_min', 'rolling_max', 'rolling_sum'] as const satisfies readonly FunctionName[];
export type RollingFn = (typeof ROLLING)[number];

/** The closest of `names` to a misspelt `word` (at most a third of its letters off), for "did you mean". */
export function closest(word: string, names: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const n of names) {
    const d = editDistance(word.toLowerCase(), n.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
