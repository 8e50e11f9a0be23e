import type { ExportRequest } from './exports';
import {
  conversion,
  DEFAULT_HOLD_MS,
  formatDuration,
  planOfRequest,
  valueTypeOfData,
  type DurationOp,
  type Expr,
  type ValueType,
} from './derive';

/*
 * The derive language written as pandas, for Copy as Python: each derived signal one more column
 * of `df` (a DatetimeIndex of the export's rows, its columns the export's names), each condition
 * its periods (one row a period, the columns of the command line's --conditions-output). Every
 * construct of the language translates (the switch below is exhaustive); what pandas does
 * differently from the app is bridged by a few small helpers, written into the copy only when used:
 * a comparison with a missing value is missing (pandas says False), true/false are pandas'
 * three-valued "boolean" (so `and`/`or` skip a missing side that does not decide them, as the app's),
 * and the functions over time look back at most their hold (README of the derive language).
 */

type Helper = 's' | 'num' | 'b' | 'cmp' | 'finite' | 'if' | 'shift' | 'diff' | 'periods';

/** The helpers' Python, each after those it calls. */
const HELPERS: Record<Helper, string[]> = {
  s: [
    'def _s(x):',
    '    """A value as a column of df\'s rows (a constant repeated)."""',
    '    return x if isinstance(x, pd.Series) else pd.Series(x, index=df.index)',
  ],
  num: ['def _num(x):', '    """A number column: true/false count as 1/0, missing stays missing."""', '    return _s(x).astype("float64")'],
  b: [
    'def _b(x):',
    '    """A true/false column in pandas\' three-valued "boolean": and/or decide as far as the known side does."""',
    '    return _s(x).astype("boolean")',
  ],
  cmp: [
    'def _cmp(a, op, b):',
    '    """A comparison, missing where a side is (pandas answers False there)."""',
    '    a, b = _s(a), _s(b)',
    '    result = {"==": a.eq, "!=": a.ne, "<": a.lt, "<=": a.le, ">": a.gt, ">=": a.ge}[op](b)',
    '    return result.astype("boolean").mask(a.isna() | b.isna())',
  ],
  finite: [
    'def _finite(x):',
    '    """A result that is not a finite number (a division by zero, an overflow) is missing."""',
    '    return _s(x).replace([np.inf, -np.inf], np.nan)',
  ],
  if: [
    'def _if(c, a, b):',
    '    """a where c holds, b where it does not, missing where c is."""',
    '    c = _b(c)',
    '    picked = np.where(c.fillna(False).to_numpy(dtype=bool), _s(a).to_numpy(), _s(b).to_numpy())',
    '    return pd.Series(picked, index=df.index).where(c.notna().to_numpy())',
  ],
  shift: [
    'def _shift(x, by, hold):',
    '    """x `by` earlier: its last sample at or before t - by, if less than `hold` before then (hold: by = 0)."""',
    '    sampled = _s(x).dropna()',
    '    at = df.index - by',
    '    value = sampled.reindex(at, method="ffill").to_numpy()',
    '    when = pd.Series(sampled.index, index=sampled.index).reindex(at, method="ffill")',
    '    fresh = (at - pd.DatetimeIndex(when)) < hold',
    '    return pd.Series(value, index=df.index).where(fresh)',
  ],
  diff: [
    'def _diff(x, hold, per_second=False):',
    '    """x minus its previous sample, if less than `hold` earlier (rate: per second between them)."""',
    '    sampled = _num(x).dropna()',
    '    elapsed = sampled.index.to_series().diff()',
    '    d = sampled.diff().where(elapsed < hold)',
    '    if per_second:',
    '        d = d / elapsed.dt.total_seconds()',
    '    return d.reindex(df.index)',
  ],
  periods: [
    'def _periods(name, holds, stats=None, keep=lambda duration_s: duration_s >= 0, hold=pd.Timedelta("1h")):',
    '    """The periods when `holds` held, one row each, as Signal Explorer finds them (README, "Conditions"):',
    '    a row whose truth is missing decides nothing; a deciding row `hold` or more after the one before',
    '    comes after a gap; a period ends at the first deciding row that does not hold, or at its last row',
    '    that held when a gap or the end of the data comes first. `stats`: min/max/mean of its rows."""',
    '    decided = _b(holds).dropna().astype(bool)',
    '    held = decided.to_numpy()',
    '    columns = ["condition", "end", "duration_s", "min", "max", "mean", "ended_by"]',
    '    if not held.any():',
    '        return pd.DataFrame(columns=columns, index=pd.DatetimeIndex([], tz="UTC", name="timestamp"))',
    '    t = decided.index.to_series()',
    '    gap = (t.diff() >= hold).to_numpy()',
    '    starts = held & (~np.concatenate([[False], held[:-1]]) | gap)',
    '    rows = pd.DataFrame({"t": t, "run": np.cumsum(starts), "next": t.shift(-1), "next_gap": np.append(gap[1:], False)})[held]',
    '    first = rows.drop_duplicates("run", keep="first").reset_index(drop=True)',
    '    last = rows.drop_duplicates("run", keep="last").reset_index(drop=True)',
    '    ended = last["next"].notna() & ~last["next_gap"]',
    '    end = last["next"].where(ended, last["t"])',
    '    out = pd.DataFrame({"timestamp": first["t"], "condition": name, "end": end, "duration_s": (end - first["t"]).dt.total_seconds()})',
    '    if stats is None:',
    '        out["min"] = out["max"] = out["mean"] = np.nan',
    '    else:',
    '        values = _num(stats)',
    '        lo = values.index.searchsorted(out["timestamp"], side="left")',
    '        hi = np.where(ended, values.index.searchsorted(end, side="left"), values.index.searchsorted(end, side="right"))',
    '        inside = [values.iloc[a:z] for a, z in zip(lo, hi)]',
    '        out["min"] = [v.min() for v in inside]',
    '        out["max"] = [v.max() for v in inside]',
    '        out["mean"] = [v.mean() for v in inside]',
    '    out["ended_by"] = np.where(ended, "condition", np.where(last["next"].notna(), "gap", "end-of-data"))',
    '    out["end"] = end.dt.strftime("%Y-%m-%dT%H:%M:%S.%f").str[:-3] + "Z"',
    '    return out[keep(out["duration_s"])].set_index("timestamp")[columns]',
  ],
};

const NEEDS: Record<Helper, Helper[]> = {
  s: [],
  num: ['s'],
  b: ['s'],
  cmp: ['s'],
  finite: ['s'],
  if: ['b', 's'],
  shift: ['s'],
  diff: ['num'],
  periods: ['b', 'num'],
};

const py = (s: string) => JSON.stringify(s);

/** A column of df by its name. */
const column = (name: string) => `df[${py(name)}]`;

/** A duration as pandas writes it: `10m` -> "10min", `1w` -> "7D". */
export function pandasDuration(ms: number): string {
  const text = formatDuration(ms);
  const n = Number.parseFloat(text);
  const unit = text.slice(String(n).length);
  switch (unit) {
    case 'w':
      return `${n * 7}D`;
    case 'd':
      return `${n}D`;
    case 'm':
      return `${n}min`;
    default:
      return text;
  }
}

const timedelta = (ms: number) => `pd.Timedelta(${py(pandasDuration(ms))})`;

const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '^']);

interface Translated {
  code: string;
  type: ValueType;
}

/** Translates expressions against the columns known so far (the signals', then each derived signal's). */
class Translator {
  readonly used = new Set<Helper>();

  constructor(private readonly types: Map<string, ValueType>) {}

  use(h: Helper): void {
    this.used.add(h);
  }

  /** Where a number is needed: a true/false column becomes 1/0 (a literal is one already). */
  private number(e: Expr): string {
    const t = this.expr(e);
    if (t.type !== 'boolean' || e.type === 'boolean') return t.code;
    this.use('num');
    return `_num(${t.code})`;
  }

  /** Where true/false is needed: a comparison, `and`, `or` and `not` give pandas' "boolean" already. */
  private truth(e: Expr): string {
    const code = this.expr(e).code;
    if ((e.type === 'binary' && !ARITHMETIC.has(e.op)) || (e.type === 'unary' && e.op === 'not')) return code;
    this.use('b');
    return `_b(${code})`;
  }

  /** A duration argument (a window, a shift, a hold), or the default hold when it is not given. */
  private duration(e: Expr | undefined, fallback = DEFAULT_HOLD_MS): number {
    if (!e) return fallback;
    if (e.type !== 'duration') throw new Error('a duration is expected here');
    return e.ms;
  }

  expr(e: Expr): Translated {
    switch (e.type) {
      case 'number':
        return { code: String(e.value), type: 'number' };
      case 'string':
        return { code: py(e.value), type: 'string' };
      case 'boolean':
        return { code: e.value ? 'True' : 'False', type: 'boolean' };
      case 'duration':
        return { code: timedelta(e.ms), type: 'number' };
      case 'column':
        return { code: column(e.name), type: this.types.get(e.name) ?? 'number' };
      case 'unary':
        return e.op === 'not' ? { code: `(~${this.truth(e.arg)})`, type: 'boolean' } : { code: `(-${this.number(e.arg)})`, type: 'number' };
      case 'binary':
        return this.binary(e);
      case 'call':
        return this.call(e);
    }
  }

  private binary(e: Extract<Expr, { type: 'binary' }>): Translated {
    switch (e.op) {
      case 'and':
      case 'or':
        return { code: `(${this.truth(e.left)} ${e.op === 'and' ? '&' : '|'} ${this.truth(e.right)})`, type: 'boolean' };
      case '+':
      case '-':
      case '*':
      case '%':
        return { code: `(${this.number(e.left)} ${e.op} ${this.number(e.right)})`, type: 'number' };
      case '/':
      case '^':
        this.use('finite');
        return { code: `_finite(${this.number(e.left)} ${e.op === '/' ? '/' : '**'} ${this.number(e.right)})`, type: 'number' };
      default: {
        // A comparison: numbers with numbers (true/false as 1/0), text with text, true/false with each other.
        const l = this.expr(e.left);
        const r = this.expr(e.right);
        const asNumbers = l.type !== r.type;
        const [a, b] = asNumbers ? [this.number(e.left), this.number(e.right)] : [l.code, r.code];
        this.use('cmp');
        return { code: `_cmp(${a}, ${py(e.op)}, ${b})`, type: 'boolean' };
      }
    }
  }

  private call(e: Extract<Expr, { type: 'call' }>): Translated {
    const [x, second, third] = e.args;
    switch (e.fn) {
      case 'abs':
        this.use('num');
        return { code: `abs(_num(${this.expr(x!).code}))`, type: 'number' };
      case 'min':
      case 'max':
        this.use('num');
        return {
          code: `pd.concat([${e.args.map((a) => `_num(${this.expr(a).code})`).join(', ')}], axis=1).${e.fn}(axis=1)`,
          type: 'number',
        };
      case 'if': {
        this.use('if');
        const a = this.expr(second!);
        const b = this.expr(third!);
        const text = a.type === 'string';
        return {
          code: `_if(${this.expr(x!).code}, ${text ? a.code : this.number(second!)}, ${text ? b.code : this.number(third!)})`,
          type: text ? 'string' : a.type === 'boolean' && b.type === 'boolean' ? 'boolean' : 'number',
        };
      }
      case 'convert': {
        const [from, to] = [second, third].map((a) => (a?.type === 'string' ? a.value : ''));
        const c = conversion(from!, to!);
        if (!c) throw new Error(`no conversion from "${from}" to "${to}"`);
        let code = this.number(x!);
        if (c.before) code = `(${code} + ${c.before})`;
        if (c.num !== 1) code = `${code} * ${c.num}`;
        if (c.den !== 1) code = `${code} / ${c.den}`;
        if (c.after) code = `${code} ${c.after < 0 ? '-' : '+'} ${Math.abs(c.after)}`;
        return { code: `(${code})`, type: 'number' };
      }
      case 'hold':
        this.use('shift');
        return { code: `_shift(${this.expr(x!).code}, pd.Timedelta(0), ${timedelta(this.duration(second))})`, type: this.expr(x!).type };
      case 'shift':
        this.use('shift');
        return {
          code: `_shift(${this.expr(x!).code}, ${timedelta(this.duration(second))}, ${timedelta(this.duration(third))})`,
          type: this.expr(x!).type,
        };
      case 'rolling_mean':
      case 'rolling_min':
      case 'rolling_max':
      case 'rolling_sum':
        this.use('num');
        return {
          code: `_num(${this.expr(x!).code}).rolling(${py(pandasDuration(this.duration(second)))}).${e.fn.slice('rolling_'.length)}()`,
          type: 'number',
        };
      case 'diff':
      case 'rate':
        this.use('diff');
        return {
          code: `_diff(${this.expr(x!).code}, ${timedelta(this.duration(second))}${e.fn === 'rate' ? ', per_second=True' : ''})`,
          type: 'number',
        };
    }
  }
}

const KEEP: Record<DurationOp, string> = { '>=': '>=', '>': '>', '<=': '<=', '<': '<' };

export interface PandasDerivations {
  /** The helpers the lines use, with the imports they need. */
  helpers: string[];
  /** `df["avg"] = …`, one a derived signal. */
  derived: string[];
  /** `periods = pd.concat([_periods(…), …])`, empty without conditions. */
  periods: string[];
  /** What could not be written as pandas, and why (said in the copy as comments). */
  untranslated: string[];
}

/** The request's derived signals and conditions as pandas over `df`. */
export function pandasOfDerivations(request: Pick<ExportRequest, 'signals' | 'derivations'>): PandasDerivations {
  const out: PandasDerivations = { helpers: [], derived: [], periods: [], untranslated: [] };
  const d = request.derivations;
  if (!d || (!d.derived.length && !d.conditions.length)) return out;
  const planned = planOfRequest(request);
  if (!planned.ok) {
    out.untranslated.push(...planned.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    return out;
  }
  const types = new Map<string, ValueType>(request.signals.map((s) => [s.rename, valueTypeOfData(s.dataType)]));
  const t = new Translator(types);
  for (const x of planned.plan.derived) {
    try {
      const e = t.expr(x.expression.tree);
      let code = e.code;
      if (e.type === 'number') {
        t.use('finite');
        if (!code.startsWith('_finite(')) code = `_finite(${code})`;
      }
      out.derived.push(`df[${py(x.name)}] = ${code}`);
    } catch (error) {
      out.untranslated.push(`derived ${x.name}: ${(error as Error).message}`);
    }
    types.set(x.name, x.type);
  }
  const conditions: string[] = [];
  for (const c of planned.plan.conditions) {
    try {
      const holds = t.expr(c.expression.tree).code;
      const args = [py(c.name), holds];
      if (c.statsOf) args.push(`stats=${column(c.statsOf)}`);
      if (c.duration) args.push(`keep=lambda duration_s: duration_s ${KEEP[c.duration.op]} ${c.duration.ms / 1000}`);
      if (c.holdMs !== DEFAULT_HOLD_MS) args.push(`hold=${timedelta(c.holdMs)}`);
      conditions.push(`    _periods(${args.join(', ')}),`);
      t.use('periods');
    } catch (error) {
      out.untranslated.push(`condition ${c.name}: ${(error as Error).message}`);
    }
  }
  if (conditions.length) out.periods.push('periods = pd.concat([', ...conditions, '])');
  const order: Helper[] = ['s', 'num', 'b', 'cmp', 'finite', 'if', 'shift', 'diff', 'periods'];
  const used = new Set<Helper>();
  const add = (h: Helper) => {
    if (used.has(h)) return;
    NEEDS[h].forEach(add);
    used.add(h);
  };
  t.used.forEach(add);
  for (const h of order) if (used.has(h)) out.helpers.push(...HELPERS[h], '');
  return out;
}
