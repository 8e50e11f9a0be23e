import type { ConditionPeriod, ConditionSummary } from '../../src-preload/contract/derive';
import type { ConditionEdges } from './condition-tracker';
import { KeptPeriods, type EndedBy, type PeriodRules } from './kept-periods';
import { PeriodStats } from './period-stats';

/*
 * A condition's chunks put together, in time order, in the main process: the run open at the end
 * of one chunk and the first run of the next are one period when no deciding row and no gap stands
 * between them. What it hands on (`onPeriod`) are the periods that cross chunk boundaries (or that
 * begin a chunk): in the condition's file, those `add(chunk k)` gives go just before chunk k's own
 * periods, and those of `finish()` after the last chunk's. Memory: one open period.
 */

interface OpenRun {
  start: number;
  lastTrue: number;
  stats: PeriodStats;
  pending: PeriodStats;
}

export class ConditionJoin {
  private open: OpenRun | null = null;
  private last: { t: number } | null = null;
  private readonly kept: KeptPeriods;

  constructor(
    private readonly rules: PeriodRules,
    onPeriod: (p: ConditionPeriod) => void,
  ) {
    this.kept = new KeptPeriods(rules, onPeriod);
  }

  private close(end: number, endedBy: EndedBy): void {
    const run = this.open!;
    this.open = null;
    this.kept.offer(run.start, end, endedBy, run.stats);
  }

  /** The next chunk's edges (chunks in time order, every chunk once, empty ones too). */
  add(e: ConditionEdges): void {
    if (!e.first) {
      this.kept.merge(e.kept);
      this.open?.pending.merge(new PeriodStats(e.before));
      return;
    }
    if (this.open && this.last && e.first.t - this.last.t >= this.rules.holdMs) this.close(this.open.lastTrue, 'gap');
    const open = this.open;
    if (open) {
      open.pending.merge(new PeriodStats(e.before));
      open.stats.merge(open.pending);
      if (!e.first.holds) this.close(e.first.t, 'condition');
      else if (e.tailIsLead) {
        const run = e.tail!;
        open.stats.merge(new PeriodStats(run.stats));
        open.lastTrue = run.lastTrue;
        open.pending = new PeriodStats(run.pending);
      } else {
        const run = e.lead!;
        open.stats.merge(new PeriodStats(run.stats));
        this.close(run.end, run.endedBy);
      }
    } else if (e.lead) {
      this.kept.offer(e.lead.start, e.lead.end, e.lead.endedBy, new PeriodStats(e.lead.stats));
    }
    // The chunk's own periods after the ones that end in it or begin it (they come first in time):
    // of two longest of the same length and start (zero-length, at one instant of repeated
    // timestamps), the summary names the first, as one scan does.
    this.kept.merge(e.kept);
    if (!e.tailIsLead || !this.open) {
      const t = e.tail;
      this.open = t ? { start: t.start, lastTrue: t.lastTrue, stats: new PeriodStats(t.stats), pending: new PeriodStats(t.pending) } : null;
    }
    this.last = e.last;
  }

  /** The data ends: an open period ends at its last row that held. */
  finish(): ConditionSummary {
    if (this.open) this.close(this.open.lastTrue, 'end-of-data');
    return this.kept.summary();
  }
}
