import {
  applyConversion,
  conversion,
  DEFAULT_HOLD_MS,
  type ConditionPeriod,
  type ConditionSummary,
  type DerivationPlan,
  type Expr,
  type PlannedCondition,
} from '../../../src-preload/contract/derive';
import { passes } from '../kept-periods';
import { exactSumReference } from './exact-reference';

/*
 * The derive language evaluated the slow, obvious way over a whole table held in memory, straight
 * from the definitions in src-preload/contract/derive/README.md: each function looks at every row
 * it may depend on (quadratic), and the periods of a condition come from a scan of its deciding
 * rows. No state, no chunks, no shared code with the evaluator but `passes` (the for-clause test)
 * and the unit table: what the streaming evaluator must equal, chunk however it will.
 */

export type Cell = number | boolean | string | null;

export type Kind = 'number' | 'boolean' | 'string';

/** Numbers (NaN missing), booleans (null missing) or strings (null missing), one per row. */
export interface RefColumn {
  kind: Kind;
  cells: Cell[];
}

export interface Table {
  t: number[];
  columns: Map<string, RefColumn>;
}

const present = (v: Cell) => (typeof v === 'number' ? v - v === 0 : v !== null);
const finite = (r: number) => (Number.isFinite(r) ? r : NaN);
const num = (v: Cell): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : NaN);

const NUMBER_OPS = ['+', '-', '*', '/', '%', '^'];

export function evaluateColumn(e: Expr, table: Table): RefColumn {
  const n = table.t.length;
  const t = table.t;
  const rows = Array.from({ length: n }, (_, i) => i);
  switch (e.type) {
    case 'number':
    case 'string':
    case 'boolean':
      return { kind: typeof e.value as Kind, cells: rows.map(() => e.value) };
    case 'duration':
      throw new Error('not a value');
    case 'column':
      return table.columns.get(e.name)!;
    case 'unary': {
      const a = evaluateColumn(e.arg, table).cells;
      return e.op === 'not'
        ? { kind: 'boolean', cells: a.map((v) => (v === null ? null : !v)) }
        : { kind: 'number', cells: a.map((v) => finite(-num(v))) };
    }
    case 'binary': {
      const a = evaluateColumn(e.left, table);
      const b = evaluateColumn(e.right, table);
      return { kind: NUMBER_OPS.includes(e.op) ? 'number' : 'boolean', cells: rows.map((i) => binary(e.op, a, b, i)) };
    }
    case 'call':
      return call(e, table, t, rows);
  }
}

function binary(op: string, a: RefColumn, b: RefColumn, i: number): Cell {
  const x = a.cells[i]!;
  const y = b.cells[i]!;
  if (op === 'and') return x === false || y === false ? false : x === null || y === null ? null : true;
  if (op === 'or') return x === true || y === true ? true : x === null || y === null ? null : false;
  if (!NUMBER_OPS.includes(op)) {
    const equality = a.kind === 'string' || (a.kind === 'boolean' && b.kind === 'boolean');
    if (equality) {
      if (x === null || y === null) return null;
      return (x === y) === (op === '==');
    }
    const p = num(x);
    const q = num(y);
    if (Number.isNaN(p) || Number.isNaN(q)) return null;
    return { '==': p === q, '!=': p !== q, '<': p < q, '<=': p <= q, '>': p > q, '>=': p >= q }[op]!;
  }
  const p = num(x);
  const q = num(y);
  switch (op) {
    case '+':
      return finite(p + q);
    case '-':
      return finite(p - q);
    case '*':
      return finite(p * q);
    case '/':
      return finite(p / q);
    case '%': {
      // The remainder with the sign of the divisor: JavaScript's (exact) remainder, plus q when their signs differ.
      const r = p % q;
      return finite(r !== 0 && Math.sign(r) !== Math.sign(q) ? r + q : r);
    }
    default:
      return finite(p ** q);
  }
}

const msOf = (e: Expr | undefined, fallback: number) => (e === undefined ? fallback : (e as Extract<Expr, { type: 'duration' }>).ms);

const missing = (kind: Kind): Cell => (kind === 'number' ? NaN : null);

function call(e: Extract<Expr, { type: 'call' }>, table: Table, t: number[], rows: number[]): RefColumn {
  const args = e.args.map((a) => (a.type === 'duration' ? null : evaluateColumn(a, table)));
  const x = args[0]!.cells;
  const numbers = (cells: Cell[]): RefColumn => ({ kind: 'number', cells });
  switch (e.fn) {
    case 'abs':
      return numbers(x.map((v) => finite(Math.abs(num(v)))));
    case 'min':
    case 'max':
      return numbers(
        rows.map((i) => {
          const vs = args.map((a) => num(a!.cells[i]!)).filter((v) => Number.isFinite(v));
          // The first of equals (0 and -0 alike), as the arguments are written.
          return vs.length ? vs.reduce((m, v) => ((e.fn === 'min' ? v < m : v > m) ? v : m)) : NaN;
        }),
      );
    case 'if': {
      const [, a, b] = args as RefColumn[];
      const same = a!.kind === b!.kind;
      const kind: Kind = same ? a!.kind : 'number';
      return {
        kind,
        cells: rows.map((i) => {
          const c = x[i]!;
          if (c === null) return missing(kind);
          const v = (c ? a! : b!).cells[i]!;
          return same ? v : num(v);
        }),
      };
    }
    case 'convert': {
      const c = conversion((e.args[1] as { value: string }).value, (e.args[2] as { value: string }).value)!;
      return numbers(x.map((v) => finite(applyConversion(c, num(v)))));
    }
    case 'hold':
    case 'shift': {
      const by = e.fn === 'shift' ? msOf(e.args[1], 0) : 0;
      const hold = msOf(e.fn === 'shift' ? e.args[2] : e.args[1], DEFAULT_HOLD_MS);
      const kind = args[0]!.kind;
      return {
        kind,
        cells: rows.map((i) => {
          const target = t[i]! - by;
          for (let j = i; j >= 0; j--) {
            if (t[j]! > target || !present(x[j]!)) continue;
            return target - t[j]! < hold ? x[j]! : missing(kind);
          }
          return missing(kind);
        }),
      };
    }
    case 'diff':
    case 'rate': {
      const hold = msOf(e.args[1], DEFAULT_HOLD_MS);
      return numbers(
        rows.map((i) => {
          const v = num(x[i]!);
          if (!Number.isFinite(v)) return NaN;
          for (let j = i - 1; j >= 0; j--) {
            const p = num(x[j]!);
            if (!Number.isFinite(p)) continue;
            if (!(t[i]! - t[j]! < hold)) return NaN;
            const d = v - p;
            if (e.fn === 'diff') return finite(d);
            return t[i]! > t[j]! ? finite(d / ((t[i]! - t[j]!) / 1000)) : NaN;
          }
          return NaN;
        }),
      );
    }
    default: {
      const w = msOf(e.args[1], 0);
      return numbers(
        rows.map((i) => {
          const vs: number[] = [];
          for (let j = 0; j <= i; j++) if (t[i]! - t[j]! < w && Number.isFinite(num(x[j]!))) vs.push(num(x[j]!));
          if (!vs.length) return NaN;
          if (e.fn === 'rolling_sum') return exactSumReference(vs);
          if (e.fn === 'rolling_mean') return exactSumReference(vs) / vs.length;
          return e.fn === 'rolling_min' ? Math.min(...vs) : Math.max(...vs);
        }),
      );
    }
  }
}

/** Every derived column and every condition's truth, over the whole table. */
export function referenceDerive(plan: DerivationPlan, table: Table): { derived: RefColumn[]; truths: (boolean | null)[][] } {
  const columns = new Map(table.columns);
  const derived = plan.derived.map((d) => {
    const col = evaluateColumn(d.expression.tree, { t: table.t, columns });
    columns.set(d.name, col);
    return col;
  });
  const truths = plan.conditions.map((c) => evaluateColumn(c.expression.tree, { t: table.t, columns }).cells as (boolean | null)[]);
  return { derived, truths };
}

/** A condition's kept periods and summary, by a scan of its deciding rows. */
export function referencePeriods(
  c: Pick<PlannedCondition, 'holdMs' | 'duration'>,
  t: readonly number[],
  truth: readonly (boolean | null)[],
  stats: readonly number[] | null,
): { periods: ConditionPeriod[]; summary: ConditionSummary } {
  const decided = truth.flatMap((v, i) => (v === null ? [] : [i]));
  const within = (a: number, b: number) => t[b]! - t[a]! < c.holdMs;
  const all: ConditionPeriod[] = [];
  for (let p = 0; p < decided.length; p++) {
    if (!truth[decided[p]!]) continue;
    let q = p;
    while (q + 1 < decided.length && truth[decided[q + 1]!] && within(decided[q]!, decided[q + 1]!)) q++;
    const s = decided[p]!;
    const lastTrue = decided[q]!;
    const next = decided[q + 1];
    const byCondition = next !== undefined && within(lastTrue, next);
    const end = byCondition ? t[next]! : t[lastTrue]!;
    const upTo = byCondition ? next - 1 : lastTrue;
    const vs = stats
      ? stats
          .slice(s, upTo + 1)
          .filter((v) => Number.isFinite(v))
          .map((v) => (v === 0 ? 0 : v))
      : [];
    all.push({
      start: t[s]!,
      end,
      durationMs: end - t[s]!,
      // A zero is +0 (period-stats.ts: a -0 does not survive the manifest's JSON).
      min: vs.length ? vs.reduce((m, v) => (v < m ? v : m)) + 0 : null,
      max: vs.length ? vs.reduce((m, v) => (v > m ? v : m)) + 0 : null,
      mean: vs.length ? exactSumReference(vs) / vs.length + 0 : null,
      endedBy: byCondition ? 'condition' : next === undefined ? 'end-of-data' : 'gap',
    });
    p = q;
  }
  const periods = all.filter((p) => passes({ holdMs: c.holdMs, duration: c.duration }, p.durationMs));
  let longest: ConditionPeriod | null = null;
  for (const p of periods) if (!longest || p.durationMs > longest.durationMs) longest = p;
  return { periods, summary: { periods: periods.length, trueMs: exactSumReference(periods.map((p) => p.durationMs)), longest } };
}
