import { DEFAULT_HOLD_MS } from './durations';
import { closest } from './functions';
import { conversion, findUnit, unitsOf } from './units';
import { isComparison, issueAt, type ConditionTree, type DeriveIssue, type Expr, type FunctionName } from './syntax';
import { printColumn } from './print';

/*
 * The checks a parsed expression needs against the selection: every column exists, each operator
 * and function gets the kinds of values it works on (no string in arithmetic, no number compared
 * with a string), units are known and of one quantity. All problems are reported, each at its
 * position. What passes is typed: the kind of column it gives, its unit where it follows from its
 * inputs, the columns it reads, and its lead-in: how far back before a row the rows it depends on
 * may lie (what a chunk must read of the time before it to compute its first rows exactly).
 */

export type ValueType = 'number' | 'boolean' | 'string';

/** A column an expression may read: a selected signal's (by its column name) or an earlier derived signal's. */
export interface DeriveColumn {
  name: string;
  type: ValueType;
  /** Its physical unit, '' when none. */
  unit: string;
  /** A derived column's own lead-in (0 for a signal's). */
  leadInMs?: number;
}

export interface CheckedExpression {
  tree: Expr;
  type: ValueType;
  unit: string;
  /** The columns it reads, each once, in the order first met. */
  columns: string[];
  leadInMs: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: DeriveIssue[] };

/** The column kind of a catalog data type: json is read as its text. */
export const valueTypeOf = (dataType: 'float' | 'boolean' | 'string' | 'json'): ValueType =>
  dataType === 'float' ? 'number' : dataType === 'boolean' ? 'boolean' : 'string';

type Kind = ValueType | 'duration';
interface Info {
  kind: Kind;
  unit: string;
  lead: number;
  /** A duration's length (for arguments that must be one). */
  ms?: number;
}

/** Checks a derived signal's expression. */
export function checkExpression(tree: Expr, columns: readonly DeriveColumn[]): Checked<CheckedExpression> {
  const c = new Checker(columns);
  const info = c.value(tree);
  if (info && info.kind === 'duration') c.report(c.durationHere(tree));
  if (c.issues.length || !info || info.kind === 'duration') return { ok: false, issues: c.issues };
  return { ok: true, value: { tree, type: info.kind, unit: info.unit, columns: [...c.used], leadInMs: info.lead } };
}

/** Checks a condition: its expression must be true or false. */
export function checkCondition(tree: ConditionTree, columns: readonly DeriveColumn[]): Checked<CheckedExpression> {
  const c = new Checker(columns);
  const info = c.value(tree.expr);
  if (info && info.kind !== 'boolean')
    c.report(
      info.kind === 'duration'
        ? c.durationHere(tree.expr)
        : issueAt(`a condition must be true or false, and this is ${article(info.kind)}`, tree.expr, 'compare it, like temp > 80'),
    );
  if (c.issues.length || !info) return { ok: false, issues: c.issues };
  return { ok: true, value: { tree: tree.expr, type: 'boolean', unit: '', columns: [...c.used], leadInMs: info.lead } };
}

const article = (k: Kind) => (k === 'number' ? 'a number' : k === 'string' ? 'a string' : k === 'boolean' ? 'true/false' : 'a duration');

/** What a side is called in a message: a column by its name, anything else by its kind. */
const what = (e: Expr, k: Kind) => (e.type === 'column' ? `${printColumn(e.name)} is ${article(k)}` : `this is ${article(k)}`);

class Checker {
  readonly issues: DeriveIssue[] = [];
  readonly used = new Set<string>();
  private readonly byName: Map<string, DeriveColumn>;

  constructor(private readonly columns: readonly DeriveColumn[]) {
    this.byName = new Map(columns.map((c) => [c.name, c]));
  }

  report(issue: DeriveIssue): void {
    this.issues.push(issue);
  }

  durationHere(e: Expr): DeriveIssue {
    return issueAt('a duration is not a value', e, 'durations are arguments of hold, shift, rolling_…, diff and rate, or follow "for"');
  }

  /** The kind of `e`, or null when it has an error (reported). */
  value(e: Expr): Info | null {
    switch (e.type) {
      case 'number':
        return { kind: 'number', unit: '', lead: 0 };
      case 'string':
        return { kind: 'string', unit: '', lead: 0 };
      case 'boolean':
        return { kind: 'boolean', unit: '', lead: 0 };
      case 'duration':
        return { kind: 'duration', unit: '', lead: 0, ms: e.ms };
      case 'column':
        return this.column(e);
      case 'unary': {
        const a = this.value(e.arg);
        if (!a) return null;
        if (e.op === 'not')
          return this.expect(e.arg, a, 'boolean', '"not" needs true/false') ? { kind: 'boolean', unit: '', lead: a.lead } : null;
        return this.numeric(e.arg, a, 'a minus sign needs a number') ? { kind: 'number', unit: a.unit, lead: a.lead } : null;
      }
      case 'binary':
        return this.binary(e);
      case 'call':
        return this.call(e);
    }
  }

  private column(e: Extract<Expr, { type: 'column' }>): Info | null {
    const col = this.byName.get(e.name);
    if (!col) {
      const sameCase = this.columns.filter((c) => c.name.toLowerCase() === e.name.toLowerCase());
      const near = sameCase[0]?.name ?? closest(e.name, this.byName.keys());
      this.report(
        issueAt(`unknown column "${e.name}"`, e, near !== null ? `did you mean ${printColumn(near)}?` : columnsHint(this.columns)),
      );
      return null;
    }
    this.used.add(col.name);
    return { kind: col.type, unit: col.unit, lead: col.leadInMs ?? 0 };
  }

  /** Whether `a` is of kind `k`, reporting at `e` when not. */
  private expect(e: Expr, a: Info, k: Kind, need: string): boolean {
    if (a.kind === k) return true;
    this.report(a.kind === 'duration' ? this.durationHere(e) : issueAt(`${need}, and ${what(e, a.kind)}`, e));
    return false;
  }

  /** Numbers, and true/false as 1/0. */
  private numeric(e: Expr, a: Info, need: string): boolean {
    if (a.kind === 'number' || a.kind === 'boolean') return true;
    return this.expect(e, a, 'number', need);
  }

  private binary(e: Extract<Expr, { type: 'binary' }>): Info | null {
    const l = this.value(e.left);
    const r = this.value(e.right);
    if (!l || !r) return null;
    const lead = Math.max(l.lead, r.lead);
    const opSpan = { at: e.opAt, end: e.opAt + e.op.length };
    if (e.op === 'and' || e.op === 'or') {
      const ok = [
        this.expect(e.left, l, 'boolean', `"${e.op}" needs true/false on both sides`),
        this.expect(e.right, r, 'boolean', `"${e.op}" needs true/false on both sides`),
      ];
      return ok.every(Boolean) ? { kind: 'boolean', unit: '', lead } : null;
    }
    if (isComparison(e.op)) {
      if (l.kind === 'duration' || r.kind === 'duration') {
        this.report(this.durationHere(l.kind === 'duration' ? e.left : e.right));
        return null;
      }
      if (l.kind === 'string' ? r.kind !== 'string' : r.kind === 'string') {
        const num = l.kind === 'string' ? r : l;
        this.report(
          issueAt(
            `${article(num.kind)} compared with a string`,
            opSpan,
            `${what(e.left, l.kind)} and ${what(e.right, r.kind).replace(/^this/, 'the other side')}`,
          ),
        );
        return null;
      }
      const ordering = e.op !== '==' && e.op !== '!=';
      if (ordering && l.kind === 'string') {
        this.report(issueAt(`strings are compared with == or != only, not ${e.op}`, opSpan));
        return null;
      }
      if (ordering && l.kind === 'boolean' && r.kind === 'boolean') {
        this.report(issueAt(`true/false are compared with == or != only, not ${e.op}`, opSpan));
        return null;
      }
      return { kind: 'boolean', unit: '', lead };
    }
    const ok = [this.numeric(e.left, l, `"${e.op}" needs numbers`), this.numeric(e.right, r, `"${e.op}" needs numbers`)];
    if (!ok.every(Boolean)) return null;
    const unit = (e.op === '+' || e.op === '-') && l.unit === r.unit ? l.unit : '';
    return { kind: 'number', unit, lead };
  }

  private call(e: Extract<Expr, { type: 'call' }>): Info | null {
    const args = e.args.map((a) => (a.type === 'duration' ? { kind: 'duration' as const, unit: '', lead: 0, ms: a.ms } : this.value(a)));
    if (args.some((a) => !a)) return null;
    const info = args as Info[];
    const lead = Math.max(0, ...info.map((a) => a.lead));
    const fn: FunctionName = e.fn;
    const num = (i: number) => this.numeric(e.args[i]!, info[i]!, `${fn} needs a number`);
    const dur = (i: number, min: 'positive' | 'zero') => this.duration(e, i, info[i], min);
    switch (fn) {
      case 'abs':
        return num(0) ? { kind: 'number', unit: info[0]!.unit, lead } : null;
      case 'min':
      case 'max': {
        const ok = info.map((_, i) => num(i));
        if (!ok.every(Boolean)) return null;
        return { kind: 'number', unit: info.every((a) => a.unit === info[0]!.unit) ? info[0]!.unit : '', lead };
      }
      case 'if':
        return this.ifCall(e, info, lead);
      case 'convert':
        return this.convertCall(e, info, lead);
      case 'hold': {
        const hold = info.length > 1 ? dur(1, 'positive') : DEFAULT_HOLD_MS;
        if (!this.anyValue(e.args[0]!, info[0]!, fn) || hold === null) return null;
        return { kind: info[0]!.kind, unit: info[0]!.unit, lead: hold + info[0]!.lead };
      }
      case 'shift': {
        const by = dur(1, 'zero');
        const hold = info.length > 2 ? dur(2, 'positive') : DEFAULT_HOLD_MS;
        if (!this.anyValue(e.args[0]!, info[0]!, fn) || by === null || hold === null) return null;
        return { kind: info[0]!.kind, unit: info[0]!.unit, lead: by + hold + info[0]!.lead };
      }
      case 'diff':
      case 'rate': {
        const hold = info.length > 1 ? dur(1, 'positive') : DEFAULT_HOLD_MS;
        if (!num(0) || hold === null) return null;
        const unit = fn === 'diff' ? info[0]!.unit : info[0]!.unit ? `${info[0]!.unit}/s` : '';
        return { kind: 'number', unit, lead: hold + info[0]!.lead };
      }
      default: {
        const w = dur(1, 'positive');
        if (!num(0) || w === null) return null;
        return { kind: 'number', unit: info[0]!.unit, lead: w + info[0]!.lead };
      }
    }
  }

  /** The ms of argument i, which must be a duration (positive, or also 0); null when not (reported). */
  private duration(e: Extract<Expr, { type: 'call' }>, i: number, a: Info | undefined, min: 'positive' | 'zero'): number | null {
    const arg = e.args[i]!;
    if (!a || a.kind !== 'duration') {
      this.report(issueAt(`${e.fn} needs a duration here, like 10m`, arg));
      return null;
    }
    if (min === 'positive' ? !(a.ms! > 0) : !(a.ms! >= 0)) {
      this.report(issueAt(`${e.fn} needs a duration longer than 0 here`, arg));
      return null;
    }
    return a.ms!;
  }

  private anyValue(e: Expr, a: Info, fn: string): boolean {
    if (a.kind !== 'duration') return true;
    this.report(issueAt(`${fn} needs a value first, not a duration`, e));
    return false;
  }

  private ifCall(e: Extract<Expr, { type: 'call' }>, [c, a, b]: Info[], lead: number): Info | null {
    const okC = this.expect(e.args[0]!, c!, 'boolean', 'the first argument of if must be true/false');
    const okA = this.anyValue(e.args[1]!, a!, 'if');
    const okB = this.anyValue(e.args[2]!, b!, 'if');
    if (!okC || !okA || !okB) return null;
    const unit = a!.unit === b!.unit ? a!.unit : '';
    if (a!.kind === b!.kind) return { kind: a!.kind, unit, lead };
    if (a!.kind !== 'string' && b!.kind !== 'string') return { kind: 'number', unit, lead };
    this.report(
      issueAt(`if gives ${article(a!.kind)} on one side and ${article(b!.kind)} on the other`, e, 'both must be numbers, or both strings'),
    );
    return null;
  }

  private convertCall(e: Extract<Expr, { type: 'call' }>, info: Info[], lead: number): Info | null {
    const okX = this.numeric(e.args[0]!, info[0]!, 'convert needs a number');
    const names: (string | null)[] = [1, 2].map((i) => {
      const arg = e.args[i]!;
      if (arg.type !== 'string') {
        this.report(issueAt('convert names its units in quotes', arg, 'like convert(temp, "degC", "degF")'));
        return null;
      }
      if (!findUnit(arg.value)) {
        this.report(issueAt(`unknown unit "${arg.value}"`, arg, `the units are ${unitsOf().join(', ')}`));
        return null;
      }
      return arg.value;
    });
    const [from, to] = names;
    if (!okX || from == null || to == null) return null;
    const a = findUnit(from)!;
    const b = findUnit(to)!;
    if (!conversion(from, to)) {
      this.report(
        issueAt(
          `cannot convert ${a.quantity} (${a.symbol}) to ${b.quantity} (${b.symbol})`,
          e.args[2]!,
          `${a.quantity} units are ${unitsOf(a.quantity).join(', ')}`,
        ),
      );
      return null;
    }
    const own = findUnit(info[0]!.unit);
    if (own && own.symbol !== a.symbol) {
      const x = e.args[0]!;
      const subject = x.type === 'column' ? printColumn(x.name) : 'the value';
      const hint = own.symbol === b.symbol ? 'it needs no convert' : `write convert(…, "${own.symbol}", "${b.symbol}")`;
      this.report(issueAt(`${subject} is in ${own.symbol}, not ${a.symbol}`, e.args[1]!, hint));
      return null;
    }
    return { kind: 'number', unit: b.symbol, lead };
  }
}

const columnsHint = (columns: readonly DeriveColumn[]) =>
  columns.length
    ? `the columns are ${columns
        .slice(0, 8)
        .map((c) => printColumn(c.name))
        .join(', ')}${columns.length > 8 ? ', …' : ''}`
    : 'there are no columns to read';
