import type { ConditionPeriod } from '../../src-preload/contract/derive';
import { BOOL_NULL } from '../formats/row-batch';
import { KeptPeriods, type EndedBy, type PeriodRules, type SavedSummary } from './kept-periods';
import { PeriodStats, type SavedStats } from './period-stats';

/*
 * The periods when a condition held, from its truth at each row, as the rows stream; memory is the
 * open period, whatever the length of the data.
 *
 * A row decides the condition when its truth is known (true or false); a row where a missing value
 * leaves it unknown changes nothing: the last known truth stands, for at most `holdMs` (a row
 * deciding it later than that after the one before is after a gap). A period starts at a deciding
 * row that holds when the deciding row before did not, or was before a gap, or there was none. It
 * ends at the first deciding row that does not hold (`condition`), or, when the data ends or a gap
 * comes first, at its last row that held (`end-of-data`, `gap`): we do not claim it held through a
 * silence. Its statistics are of the `statsOf` values at its rows from its start up to (not
 * including) its end, and its last row too when it ended at one that held. Duration: end - start.
 *
 * Chunks can be tracked apart, in parallel: a tracker that does not start the data (`atStart`
 * false) cannot know whether its first run continues one from before, so it keeps that run back,
 * and whatever precedes the first deciding row, in its `edges()`; condition-join.ts puts the
 * chunks' edges together in order. Periods in between are final where they are found.
 */

export interface Decision {
  t: number;
  holds: boolean;
}

export interface SavedRun {
  start: number;
  lastTrue: number;
  /** Its rows up to its last true one. */
  stats: SavedStats;
  /** Unknown rows since its last true one: its own if a false row closes it, not if a gap does. */
  pending: SavedStats;
}

export interface ClosedRun {
  start: number;
  end: number;
  endedBy: EndedBy;
  stats: SavedStats;
}

/**
 * What a chunk's periods leave open at its two ends, and the summary of those it closed: plain
 * JSON, small (a few numbers per condition), to hand to the main process and keep beside the
 * chunk in the job's manifest, so that Resume joins finished chunks without reading them again.
 */
export interface ConditionEdges {
  first: Decision | null;
  last: Decision | null;
  /** The rows before the first deciding row (all of them when none decides). */
  before: SavedStats;
  /** The first run, when it closed inside the chunk (held back: it may continue one from before). */
  lead: ClosedRun | null;
  /** The run open at the chunk's end. */
  tail: SavedRun | null;
  /** Whether the tail is the first run (no row of the chunk closed it): then it may continue one from before. */
  tailIsLead: boolean;
  kept: SavedSummary;
}

interface Run {
  start: number;
  lastTrue: number;
  stats: PeriodStats;
  pending: PeriodStats;
  isLead: boolean;
}

export class ConditionTracker {
  private first: Decision | null = null;
  private lastT = 0;
  private lastHolds = false;
  private decided = false;
  private readonly before = new PeriodStats();
  private open: Run | null = null;
  private lead: ClosedRun | null = null;
  private readonly kept: KeptPeriods;
  private readonly atStart: boolean;

  /** `atStart`: the tracker begins the data (its first run starts a period; chunk 0, or one pass over everything). */
  constructor(
    private readonly rules: PeriodRules,
    opts: { atStart: boolean; onPeriod: (p: ConditionPeriod) => void },
  ) {
    this.atStart = opts.atStart;
    this.kept = new KeptPeriods(rules, opts.onPeriod);
  }

  /** `stats`: the statsOf column's values (NaN where missing), or null without one. */
  push(t: Float64Array, truth: Uint8Array, stats: Float64Array | null, n: number): void {
    const hold = this.rules.holdMs;
    for (let i = 0; i < n; i++) {
      const u = truth[i]!;
      const s = stats ? stats[i]! : NaN;
      if (u === BOOL_NULL) {
        if (!this.decided) this.before.add(s);
        else if (this.open) this.open.pending.add(s);
        continue;
      }
      const ti = t[i]!;
      if (this.decided && this.open && ti - this.lastT >= hold) this.close(this.open.lastTrue, 'gap');
      const open = this.open;
      if (u === 1) {
        if (open) {
          if (open.pending.n) {
            open.stats.merge(open.pending);
            open.pending.clear();
          }
          open.stats.add(s);
          open.lastTrue = ti;
        } else {
          const stats = new PeriodStats();
          stats.add(s);
          this.open = { start: ti, lastTrue: ti, stats, pending: new PeriodStats(), isLead: !this.decided && !this.atStart };
        }
      } else if (open) {
        open.stats.merge(open.pending);
        this.close(ti, 'condition');
      }
      if (!this.decided) {
        this.decided = true;
        this.first = { t: ti, holds: u === 1 };
      }
      this.lastT = ti;
      this.lastHolds = u === 1;
    }
  }

  private close(end: number, endedBy: EndedBy): void {
    const run = this.open!;
    this.open = null;
    if (run.isLead) this.lead = { start: run.start, end, endedBy, stats: run.stats.save() };
    else this.kept.offer(run.start, end, endedBy, run.stats);
  }

  /** The chunk's ends, for condition-join.ts (the tracker is done with). */
  edges(): ConditionEdges {
    const o = this.open;
    return {
      first: this.first,
      last: this.decided ? { t: this.lastT, holds: this.lastHolds } : null,
      before: this.before.save(),
      lead: this.lead,
      tail: o ? { start: o.start, lastTrue: o.lastTrue, stats: o.stats.save(), pending: o.pending.save() } : null,
      tailIsLead: !!o?.isLead,
      kept: this.kept.save(),
    };
  }

  /** The data ends here (a tracker that started it): the open period ends at its last row that held. */
  end(): ReturnType<KeptPeriods['summary']> {
    if (!this.atStart) throw new Error('Only a tracker that started the data can end it; join the chunks (condition-join.ts)');
    if (this.open) this.close(this.open.lastTrue, 'end-of-data');
    return this.kept.summary();
  }
}
