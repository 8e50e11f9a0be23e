import type { ConditionPeriod, ConditionSummary, DurationOp } from '../../src-preload/contract/derive';
import { ExactSum } from './exact-sum';
import type { PeriodStats } from './period-stats';

/*
 * Where finished periods go: the condition's `for` clause keeps or drops each, the kept ones are
 * counted into the summary and handed on (to a file, the window's table) in time order. The total
 * time is an exact sum, so the chunks' summaries add up to what one scan gives.
 */

export interface PeriodRules {
  /** A known truth stands this long without a sample that decides it; a longer silence is a gap. */
  holdMs: number;
  /** The `for` clause, or null to keep every period. */
  duration: { op: DurationOp; ms: number } | null;
}

export interface SavedSummary {
  periods: number;
  trueMs: number[];
  longest: ConditionPeriod | null;
}

export type EndedBy = ConditionPeriod['endedBy'];

export function passes(rules: PeriodRules, ms: number): boolean {
  const d = rules.duration;
  if (!d) return true;
  switch (d.op) {
    case '>=':
      return ms >= d.ms;
    case '>':
      return ms > d.ms;
    case '<=':
      return ms <= d.ms;
    case '<':
      return ms < d.ms;
  }
}

/** The longer; of equals, the earlier. */
const longer = (a: ConditionPeriod | null, b: ConditionPeriod): ConditionPeriod =>
  !a || b.durationMs > a.durationMs || (b.durationMs === a.durationMs && b.start < a.start) ? b : a;

export class KeptPeriods {
  private count = 0;
  private readonly total = new ExactSum();
  private longest: ConditionPeriod | null = null;

  constructor(
    private readonly rules: PeriodRules,
    private readonly onPeriod: (p: ConditionPeriod) => void,
  ) {}

  offer(start: number, end: number, endedBy: EndedBy, stats: PeriodStats): void {
    const durationMs = end - start;
    if (!passes(this.rules, durationMs)) return;
    const p: ConditionPeriod = { start, end, durationMs, ...stats.result(), endedBy };
    this.count++;
    this.total.add(durationMs);
    this.longest = longer(this.longest, p);
    this.onPeriod(p);
  }

  /** Another part's kept periods (a chunk's, counted in its worker). */
  merge(s: SavedSummary): void {
    this.count += s.periods;
    for (const x of s.trueMs) this.total.add(x);
    if (s.longest) this.longest = longer(this.longest, s.longest);
  }

  save(): SavedSummary {
    return { periods: this.count, trueMs: this.total.partials(), longest: this.longest };
  }

  summary(): ConditionSummary {
    return { periods: this.count, trueMs: this.total.value(), longest: this.longest };
  }
}
