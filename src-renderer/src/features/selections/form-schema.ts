import { z } from 'zod';
import { ColumnName, ExportRequest, Format, SelectedSignal, WindowInput, type Signal } from '../../../../src-preload/contract';
import { DEFAULT_WEEK_START, type WeekStart } from '../../../../src-preload/contract/time-expressions';
import { Condition, DerivedSignal, planOfRequest } from '../../../../src-preload/contract/derive';

/** The form's derivations: the contract's, with no defaults (the form's input and output are one type). */
const FormDerivations = z.object({ derived: z.array(DerivedSignal), conditions: z.array(Condition) });
import { readWindow } from './time-window';
import { DEFAULT_VALUES_INPUT, ValuesInput, valuesIssues } from './values-form';

/**
 * What the Selection panel holds: the signals with their column names, the window as written, the
 * values (raw, or aggregated) and the format. It is checked with the contract's own ExportRequest
 * (column names, uniqueness, the window's order) and Values, so the form refuses exactly what the
 * main process would.
 */
const selectionValues = (weekStart: WeekStart) =>
  z
    .object({
      signals: z.array(SelectedSignal),
      window: WindowInput,
      values: ValuesInput,
      format: Format,
      derivations: FormDerivations.optional(),
    })
    .superRefine((v, ctx) => {
      // Derived signals and conditions, checked as the request will be (the editor shows where).
      const planned = planOfRequest(v);
      if (!planned.ok)
        for (const issue of planned.issues) ctx.addIssue({ code: 'custom', path: ['derivations', ...issue.path], message: issue.message });
      const resolved = readWindow(v.window, Date.now(), weekStart);
      if (!resolved.ok) {
        for (const [field, message] of Object.entries(resolved.errors)) ctx.addIssue({ code: 'custom', path: ['window', field], message });
      }
      for (const issue of valuesIssues(v.values, v.window.timeZone, v.signals)) {
        ctx.addIssue({ code: 'custom', path: ['values', issue.path], message: issue.message });
      }
      const probe = ExportRequest.safeParse({
        connectionId: 'probe',
        signals: v.signals,
        // A placeholder window when ours does not resolve: the request's own refinements (unique
        // column names) only run once every field parses.
        timeWindow: resolved.ok
          ? { start: resolved.start, end: resolved.end }
          : { start: '2000-01-01T00:00:00Z', end: '2000-01-02T00:00:00Z' },
        format: v.format,
        // Values were checked above, on their own inputs.
        values: { kind: 'raw' },
      });
      if (probe.success) return;
      for (const issue of probe.error.issues) {
        const [head, ...rest] = issue.path;
        if (head === 'signals') ctx.addIssue({ code: 'custom', path: issue.path as (string | number)[], message: issue.message });
        else if (head === 'timeWindow' && resolved.ok)
          ctx.addIssue({ code: 'custom', path: ['window', ...(rest as (string | number)[])], message: issue.message });
      }
    });

const schemas = new Map<WeekStart, ReturnType<typeof selectionValues>>();
/** The form's schema when weeks start on `weekStart` (the Settings' day): `now/w` depends on it. */
export function selectionValuesFor(weekStart: WeekStart) {
  let schema = schemas.get(weekStart);
  if (!schema) schemas.set(weekStart, (schema = selectionValues(weekStart)));
  return schema;
}
export const SelectionValues = selectionValuesFor(DEFAULT_WEEK_START);
export type SelectionValues = z.infer<typeof SelectionValues>;

export const DEFAULT_VALUES: SelectionValues = {
  signals: [],
  window: { start: 'now-24h', end: 'now', timeZone: 'local' },
  values: DEFAULT_VALUES_INPUT,
  format: 'parquet',
  derivations: { derived: [], conditions: [] },
};

/**
 * The column-name problem of each selected signal, as the user types: the contract's ColumnName
 * rules plus uniqueness, reported on every signal that shares a name (not only the later one).
 */
export function columnNameIssues(renames: readonly string[]): (string | null)[] {
  const counts = new Map<string, number>();
  for (const r of renames) counts.set(r.trim().toLowerCase(), (counts.get(r.trim().toLowerCase()) ?? 0) + 1);
  return renames.map((r) => {
    const checked = ColumnName.safeParse(r);
    if (!checked.success) return checked.error.issues[0]?.message ?? 'Not a valid column name';
    return (counts.get(r.trim().toLowerCase()) ?? 0) > 1 ? 'Another signal has this column name' : null;
  });
}

/** A column name for a newly added signal: its own name, or with its unit's name when taken. */
export function defaultColumnName(signal: Signal, taken: readonly string[]): string {
  const used = new Set(taken.map((t) => t.trim().toLowerCase()));
  const candidates = [signal.name, `${signal.name} (${signal.unit.name})`, `${signal.name} (${signal.asset.name} ${signal.unit.name})`];
  for (const c of candidates) {
    const name = c.slice(0, 127);
    if (!used.has(name.toLowerCase()) && name.toLowerCase() !== 'timestamp') return name;
  }
  for (let n = 2; ; n++) {
    const name = `${signal.name.slice(0, 120)} ${n}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}
