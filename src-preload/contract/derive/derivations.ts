import { z } from 'zod';
import { boundedList, LIMITS, oneLine } from '../bounds';
import { ColumnName } from '../column-name';
import { checkCondition, checkExpression, type CheckedExpression, type DeriveColumn, type ValueType } from './check';
import { DEFAULT_HOLD_MS } from './durations';
import { parseCondition, parseExpression } from './parser';
import type { DeriveIssue, DurationOp } from './syntax';

/*
 * What crosses the bridge for derived signals and conditions (zod), and the one check of a whole
 * set of them against a selection's columns: each derived signal may read the signals and the
 * derived signals before it; a condition reads any of them. What passes is a DerivationPlan: plain
 * data (the checked trees), which the main process evaluates as the rows stream (src-main/derive)
 * and a worker can be handed as it is.
 */

export const DERIVE_LIMITS = { expression: 1_000, derived: 50, conditions: 20 } as const;

export const Expression = oneLine(DERIVE_LIMITS.expression).trim().min(1, 'Write an expression');

/** A column computed from others: `rolling_mean(temp, 10m)`. */
export const DerivedSignal = z.object({
  name: ColumnName,
  expression: Expression,
  /** Shown with its values; without it, the unit that follows from the expression (°F for a convert to degF), if any. */
  physicalUnit: oneLine(LIMITS.physicalUnit).trim().optional(),
});
export type DerivedSignal = z.infer<typeof DerivedSignal>;

export const ConditionName = oneLine(127).trim().min(1, 'Give the condition a name');

/** The periods when something held: `temp > 80 for >= 5m`. */
export const Condition = z.object({
  name: ConditionName,
  expression: Expression,
  /** The signal (or derived signal) whose minimum, maximum and mean each period gives. */
  statsOf: ColumnName.optional(),
});
export type Condition = z.infer<typeof Condition>;

export const Derivations = z.object({
  derived: boundedList(DerivedSignal, DERIVE_LIMITS.derived).default([]),
  conditions: boundedList(Condition, DERIVE_LIMITS.conditions).default([]),
});
export type Derivations = z.infer<typeof Derivations>;

/**
 * A period when a condition held, in epoch ms: from its first sample that holds to the first that
 * does not (`endedBy: 'condition'`), or to its last sample that holds when the data ends or falls
 * silent for longer than the hold (`end-of-data`, `gap`). min/max/mean of the `statsOf` signal's
 * values in it, null without any (or without `statsOf`).
 */
export const ConditionPeriod = z.object({
  start: z.number(),
  end: z.number(),
  durationMs: z.number().nonnegative(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  endedBy: z.enum(['condition', 'gap', 'end-of-data']),
});
export type ConditionPeriod = z.infer<typeof ConditionPeriod>;

/** A condition over the whole export: how long it held in all, how many periods, the longest (the first of equals). */
export const ConditionSummary = z.object({
  periods: z.number().int().nonnegative(),
  trueMs: z.number().nonnegative(),
  longest: ConditionPeriod.nullable(),
});
export type ConditionSummary = z.infer<typeof ConditionSummary>;

export interface PlannedDerived {
  name: string;
  type: ValueType;
  /** The given physical unit, else the one that follows from the expression, else ''. */
  physicalUnit: string;
  expression: CheckedExpression;
}

export interface PlannedCondition {
  name: string;
  /** The column whose statistics each period gives, or null. */
  statsOf: string | null;
  expression: CheckedExpression;
  /** The `for` clause: periods kept are those whose duration passes it. */
  duration: { op: DurationOp; ms: number } | null;
  /** How long a known truth stands without a sample that decides it (longer is a gap). */
  holdMs: number;
}

export interface DerivationPlan {
  derived: PlannedDerived[];
  conditions: PlannedCondition[];
  /**
   * How far before a chunk's first row its rows may depend on: a chunk that also reads (and
   * evaluates, without output) the rows of `[start - leadInMs, start)` computes exactly what one
   * pass over the whole table would.
   */
  leadInMs: number;
}

/** An issue and the field it belongs to: `['derived', 2, 'expression']`. */
export type DerivationIssue = DeriveIssue & { path: (string | number)[] };

export type PlanResult = { ok: true; plan: DerivationPlan } | { ok: false; issues: DerivationIssue[] };

const whole = (message: string): DeriveIssue => ({ message, at: 0, end: 0 });

/** Checks derived signals and conditions against the selection's columns (signals by their column names). */
export function planDerivations(columns: readonly DeriveColumn[], input: Derivations): PlanResult {
  const issues: DerivationIssue[] = [];
  const known = [...columns];
  const taken = new Map(columns.map((c) => [c.name.toLowerCase(), `the signal ${c.name}`]));
  const derived: PlannedDerived[] = [];
  input.derived.forEach((d, i) => {
    const at = (field: string) => (issue: DeriveIssue) => issues.push({ ...issue, path: ['derived', i, field] });
    const clash = taken.get(d.name.toLowerCase());
    if (clash) at('name')(whole(`${clash} has the column name "${d.name}" already`));
    const parsed = parseExpression(d.expression);
    if (!parsed.ok) return at('expression')(parsed.issue);
    const checked = checkExpression(parsed.value, known);
    if (!checked.ok) return checked.issues.forEach(at('expression'));
    if (clash) return;
    const planned = {
      name: d.name,
      type: checked.value.type,
      physicalUnit: d.physicalUnit ?? checked.value.unit,
      expression: checked.value,
    };
    derived.push(planned);
    known.push({ name: d.name, type: planned.type, unit: planned.physicalUnit, leadInMs: checked.value.leadInMs });
    taken.set(d.name.toLowerCase(), `derived signal ${i + 1}`);
  });
  const conditionNames = new Map<string, number>();
  const conditions: PlannedCondition[] = [];
  input.conditions.forEach((c, i) => {
    const at = (field: string) => (issue: DeriveIssue) => issues.push({ ...issue, path: ['conditions', i, field] });
    const first = conditionNames.get(c.name.toLowerCase());
    if (first !== undefined) at('name')(whole(`Same name as condition ${first + 1}`));
    else conditionNames.set(c.name.toLowerCase(), i);
    let statsOf: string | null = null;
    if (c.statsOf !== undefined) {
      const col = known.find((k) => k.name === c.statsOf);
      if (!col) at('statsOf')(whole(`There is no column "${c.statsOf}"`));
      else if (col.type === 'string') at('statsOf')(whole(`"${c.statsOf}" holds text: it has no minimum, maximum or mean`));
      else statsOf = col.name;
    }
    const parsed = parseCondition(c.expression);
    if (!parsed.ok) return at('expression')(parsed.issue);
    const checked = checkCondition(parsed.value, known);
    if (!checked.ok) return checked.issues.forEach(at('expression'));
    const d = parsed.value.duration;
    conditions.push({
      name: c.name,
      statsOf,
      expression: checked.value,
      duration: d ? { op: d.op, ms: d.ms } : null,
      holdMs: DEFAULT_HOLD_MS,
    });
  });
  if (issues.length) return { ok: false, issues };
  const leadInMs = Math.max(0, ...derived.map((d) => d.expression.leadInMs), ...conditions.map((c) => c.expression.leadInMs));
  return { ok: true, plan: { derived, conditions, leadInMs } };
}

/** The issues as zod issues under `path` (for a request's superRefine). */
export function addDerivationIssues(ctx: z.RefinementCtx, issues: readonly DerivationIssue[], path: (string | number)[] = []): void {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: [...path, ...issue.path], message: issue.message });
}
