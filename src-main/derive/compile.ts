import { conversion, DEFAULT_HOLD_MS, isComparison, type Expr, type RollingFn, type ValueType } from '../../src-preload/contract/derive';
import type { SavedSamples } from './samples';
import * as k from './kernels';
import { Difference, Rolling, Shift, type StatefulNode } from './stateful';
import { booleans, constant, numbers, type Vec } from './vectors';

/*
 * A checked tree made into a function of a batch: each node a closure that evaluates its children
 * over the whole batch, then runs one kernel loop. Our own tree over typed arrays, not arquero:
 * arquero's table expressions are compiled with `Function` from their source text (which must
 * never be built from what a user typed), its window functions count rows, not elapsed time, and
 * their state cannot be carried from one table (batch, chunk) to the next.
 */

/** The rows a node sees: the batch's times and any column by name (signals, and derived columns made so far). */
export interface Frame {
  n: number;
  t: Float64Array;
  column(name: string): Vec;
}

export type Node = (frame: Frame) => Vec;

/** Stateful nodes in the order compiled: their states, saved in this order, are a deriver's state. */
export interface NodeRegistry {
  nodes: StatefulNode[];
  /** Saved states to start from, consumed in the same order. */
  saved: SavedSamples[] | null;
  /** The kind of each column an expression may read. */
  types: ReadonlyMap<string, ValueType>;
}

function nextSaved(reg: NodeRegistry): SavedSamples | undefined {
  if (!reg.saved) return undefined;
  const s = reg.saved[reg.nodes.length];
  if (!s) throw new Error('A saved state that does not fit these expressions');
  return s;
}

function register<T extends StatefulNode>(reg: NodeRegistry, node: T): T {
  reg.nodes.push(node);
  return node;
}

const durationOf = (e: Expr | undefined, fallback: number): number => {
  if (!e) return fallback;
  if (e.type !== 'duration') throw new Error('Expected a duration (the checker lets no such tree through)');
  return e.ms;
};

/** The kind of value a (checked) tree gives. */
export function typeOf(e: Expr, types: ReadonlyMap<string, ValueType>): ValueType {
  switch (e.type) {
    case 'number':
    case 'duration':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'column': {
      const t = types.get(e.name);
      if (!t) throw new Error(`No column "${e.name}" (the checker lets no such tree through)`);
      return t;
    }
    case 'unary':
      return e.op === 'not' ? 'boolean' : 'number';
    case 'binary':
      return e.op === 'and' || e.op === 'or' || isComparison(e.op) ? 'boolean' : 'number';
    case 'call':
      if (e.fn === 'hold' || e.fn === 'shift') return typeOf(e.args[0]!, types);
      if (e.fn === 'if') {
        const a = typeOf(e.args[1]!, types);
        return a === typeOf(e.args[2]!, types) ? a : 'number';
      }
      return 'number';
  }
}

export function compile(e: Expr, reg: NodeRegistry): Node {
  switch (e.type) {
    case 'number':
    case 'string':
    case 'boolean': {
      // A new column each batch: a derived column `= 5` is handed on, and may be transferred, as any other.
      return (f) => constant(e.value, f.n);
    }
    case 'duration':
      throw new Error('A duration is not a value (the checker lets no such tree through)');
    case 'column':
      return (f) => f.column(e.name);
    case 'unary': {
      const arg = compile(e.arg, reg);
      if (e.op === 'not') return (f) => ({ kind: 'boolean', values: k.not(booleans(arg(f)), f.n) });
      return (f) => ({ kind: 'number', values: k.negate(numbers(arg(f), f.n), f.n) });
    }
    case 'binary':
      return binary(e, reg);
    case 'call':
      return call(e, reg);
  }
}

function binary(e: Extract<Expr, { type: 'binary' }>, reg: NodeRegistry): Node {
  const l = compile(e.left, reg);
  const r = compile(e.right, reg);
  const op = e.op;
  if (op === 'and' || op === 'or') return (f) => ({ kind: 'boolean', values: k.logical(op, booleans(l(f)), booleans(r(f)), f.n) });
  if (isComparison(op))
    return (f) => {
      const a = l(f);
      const b = r(f);
      const equality = (op === '==' || op === '!=') && (a.kind === 'string' || (a.kind === 'boolean' && b.kind === 'boolean'));
      const values = equality ? k.compareEqual(op, a, b, f.n) : k.compareNumbers(op, numbers(a, f.n), numbers(b, f.n), f.n);
      return { kind: 'boolean', values };
    };
  return (f) => ({ kind: 'number', values: k.arithmetic(op, numbers(l(f), f.n), numbers(r(f), f.n), f.n) });
}

function call(e: Extract<Expr, { type: 'call' }>, reg: NodeRegistry): Node {
  const valueArgs = (count: number) => e.args.slice(0, count).map((a) => compile(a, reg));
  switch (e.fn) {
    case 'abs': {
      const [x] = valueArgs(1);
      return (f) => ({ kind: 'number', values: k.abs(numbers(x!(f), f.n), f.n) });
    }
    case 'min':
    case 'max': {
      const fn = e.fn;
      const xs = valueArgs(e.args.length);
      return (f) => ({
        kind: 'number',
        values: k.extreme(
          fn,
          xs.map((x) => numbers(x(f), f.n)),
          f.n,
        ),
      });
    }
    case 'if': {
      const [c, a, b] = valueArgs(3);
      return (f) => {
        const cv = booleans(c!(f));
        let av = a!(f);
        let bv = b!(f);
        if (av.kind !== bv.kind) {
          av = { kind: 'number', values: numbers(av, f.n) };
          bv = { kind: 'number', values: numbers(bv, f.n) };
        }
        return k.choose(cv, av, bv, f.n);
      };
    }
    case 'convert': {
      const [x] = valueArgs(1);
      const [from, to] = [e.args[1]!, e.args[2]!];
      const c = from.type === 'string' && to.type === 'string' ? conversion(from.value, to.value) : null;
      if (!c) throw new Error('Unknown units (the checker lets no such tree through)');
      return (f) => ({ kind: 'number', values: k.convert(c, numbers(x!(f), f.n), f.n) });
    }
    case 'hold':
    case 'shift': {
      const [x] = valueArgs(1);
      const by = e.fn === 'shift' ? durationOf(e.args[1], 0) : 0;
      const hold = durationOf(e.fn === 'shift' ? e.args[2] : e.args[1], DEFAULT_HOLD_MS);
      const node = register(reg, new Shift(typeOf(e.args[0]!, reg.types), by, hold, nextSaved(reg)));
      return (f) => node.run(f.t, x!(f), f.n);
    }
    case 'diff':
    case 'rate': {
      const [x] = valueArgs(1);
      const node = register(reg, new Difference(e.fn === 'rate', durationOf(e.args[1], DEFAULT_HOLD_MS), nextSaved(reg)));
      return (f) => ({ kind: 'number', values: node.run(f.t, numbers(x!(f), f.n), f.n) });
    }
    default: {
      const fn: RollingFn = e.fn;
      const [x] = valueArgs(1);
      const node = register(reg, new Rolling(fn, durationOf(e.args[1], 0), nextSaved(reg)));
      return (f) => ({ kind: 'number', values: node.run(f.t, numbers(x!(f), f.n), f.n) });
    }
  }
}
