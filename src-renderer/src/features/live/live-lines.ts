import { LIVE_LIMITS, type LivePoints, type LiveSignal } from '../../../../src-preload/contract';
import { LaneRing, LineRing, type RingValue } from '../../../../src-preload/contract/live-ring';

/*
 * What the window holds of a live session: one ring per signal, the same bound as the main
 * process's (LIVE_LIMITS.pointsPerSignal), however long it runs. It starts from `live.points` (all
 * the main process holds) and grows with the events' newer points. A snapshot can arrive after
 * events that are newer than it (they travel apart): what the window held past the snapshot's end
 * is kept.
 */

export type LiveLine =
  { column: string; shape: 'line'; t: Float64Array; v: Float64Array } | { column: string; shape: 'steps'; t: Float64Array; v: RingValue[] };

type AnyRing = LineRing | LaneRing;

export class LiveLines {
  private rings = new Map<string, AnyRing>();
  private session: string | null = null;

  get sessionId(): string | null {
    return this.session;
  }

  /** A new session (or none): empty rings for its signals. */
  reset(sessionId: string | null, signals: readonly LiveSignal[]): void {
    this.session = sessionId;
    this.rings = new Map(signals.map((s) => [s.column, newRing(s.dataType === 'float')]));
  }

  /** The events' points: those newer than what each ring holds. */
  append(points: readonly LivePoints[]): void {
    for (const p of points) {
      const ring = this.rings.get(p.column);
      if (ring) pushAll(ring, p.t, p.v);
    }
  }

  /** Everything the main process held when asked, plus what the window got since that is newer. */
  replace(points: readonly LivePoints[]): void {
    for (const p of points) {
      const old = this.rings.get(p.column);
      if (!old) continue;
      const ring = newRing(p.shape === 'line');
      const keep = Math.max(0, p.t.length - LIVE_LIMITS.pointsPerSignal);
      pushAll(ring, p.t.subarray(keep), p.shape === 'line' ? p.v.subarray(keep) : p.v.slice(keep));
      const newer = old.since(ring.lastTime);
      pushAll(ring, newer.t, newer.v);
      this.rings.set(p.column, ring);
    }
  }

  /** A signal's points at or after `from`, oldest first. */
  line(column: string, from: number): LiveLine | null {
    const ring = this.rings.get(column);
    if (!ring) return null;
    const { t, v } = ring.since(from - 1);
    return ring instanceof LineRing
      ? { column, shape: 'line', t, v: v as Float64Array }
      : { column, shape: 'steps', t, v: v as RingValue[] };
  }

  /** Points held in all: what bounds the window's memory. */
  get size(): number {
    let n = 0;
    for (const r of this.rings.values()) n += r.length;
    return n;
  }
}

const newRing = (line: boolean): AnyRing => (line ? new LineRing(LIVE_LIMITS.pointsPerSignal) : new LaneRing(LIVE_LIMITS.pointsPerSignal));

function pushAll(ring: AnyRing, t: ArrayLike<number>, v: ArrayLike<RingValue>): void {
  if (ring instanceof LineRing)
    for (let i = 0; i < t.length; i++) ring.push(t[i]!, typeof v[i] === 'number' ? (v[i] as number) : Number.NaN);
  else for (let i = 0; i < t.length; i++) ring.push(t[i]!, v[i] ?? null);
}
