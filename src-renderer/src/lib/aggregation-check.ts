import { EveryValues, refusedFnsMessage, type AggregateFn } from '../../../src-preload/contract';

export interface AggregationIssue {
  path: 'interval' | 'fns';
  message: string;
}

/**
 * What is wrong with an aggregation as typed, by the contract's own rules (an interval that divides
 * a day, at least one function, no mean of a boolean), each on the input to fix: the export form's
 * Values and Save…'s share it.
 */
export function aggregationIssues(
  every: { interval: string; fns: readonly AggregateFn[]; timeZone: string },
  signals: readonly { rename: string; dataType: string }[],
): AggregationIssue[] {
  const issues: AggregationIssue[] = [];
  const checked = EveryValues.safeParse({ kind: 'every', ...every, fns: [...every.fns] });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const head = issue.path[0];
      if ((head === 'interval' || head === 'fns') && !issues.some((i) => i.path === head))
        issues.push({ path: head, message: issue.message });
    }
  }
  const refused = signals.map((s) => refusedFnsMessage(s.rename, s.dataType, every.fns)).filter((m): m is string => m !== null);
  if (refused.length && !issues.some((i) => i.path === 'fns')) issues.push({ path: 'fns', message: refused.join('. ') });
  return issues;
}
