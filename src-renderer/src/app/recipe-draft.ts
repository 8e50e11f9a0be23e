import type { WeekStart } from '../../../src-preload/contract/time-calendar';
import type { SelectionAsRecipe } from '../features/recipes/SaveAsRecipe';
import type { SelectionValues } from '../features/selections/form-schema';
import { aggregationZone, toValues } from '../features/selections/values-form';

/**
 * The selection as a recipe's part: each signal by its ID with its column name, the window as
 * written (its expressions, so "Previous week" stays the previous week at every run) in a named
 * zone (`local` is this machine's, named so the recipe runs the same elsewhere), the week start,
 * the format, the values, and its derived signals and conditions (run with it, lead-in included).
 */
export function recipeDraftOf(v: SelectionValues, weekStart: WeekStart): SelectionAsRecipe {
  const timeZone = aggregationZone(v.window.timeZone);
  const derived = (v.derivations?.derived.length ?? 0) + (v.derivations?.conditions.length ?? 0);
  return {
    draft: {
      signals: v.signals.map((s) => ({ id: s.id, column: s.rename })),
      window: { start: v.window.start, end: v.window.end, timeZone, weekStart },
      format: v.format,
      values: toValues(v.values, v.window.timeZone),
      ...(derived ? { derivations: v.derivations } : {}),
    },
    issues: [],
  };
}
