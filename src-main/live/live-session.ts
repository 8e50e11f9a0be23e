import type { LatestPoint, LivePoints, LiveSignal, LiveStart, Series } from '../../src-preload/contract';
import { LIVE_LIMITS } from '../../src-preload/contract';
import { LaneRing, LineRing } from '../../src-preload/contract/live-ring';
import { AppError } from '../errors/app-error';
import type { WireLivePoints } from '../nortech/wire';
import { toLatestPoints } from '../nortech/to-domain';

/*
 * The points of one live session: a ring per signal (bounded: LIVE_LIMITS.pointsPerSignal), its
 * newest point, and what the window has not been sent yet. A poll asks Nortech once per workspace
 * of the signals (its live endpoint refuses a mix with 422), all at once.
 */

/** What a session needs of the Nortech client. */
export interface LiveClient {
  latestPoints(ids: readonly number[], signal?: AbortSignal): Promise<WireLivePoints>;
}

interface Followed {
  info: Omit<LiveSignal, 'latest'>;
  ring: LineRing | LaneRing;
  latest: LiveSignal['latest'];
  /** The newest time sent to the window in an update. */
  sent: number;
  /** Live stopped looking since this signal's last point: the next newer one may start after a break. */
  unseen: boolean;
}

export interface LiveSession {
  readonly id: string;
  readonly request: LiveStart;
  signals(): LiveSignal[];
  /** One poll of every signal; throws the first failure (the points of the workspaces that answered are kept). */
  poll(signal: AbortSignal, intervalMs: number): Promise<void>;
  /** Live stopped looking (stopped, paused, retrying): points polled afterwards may follow a break. */
  lookedAway(): void;
  /** The history that fills the charts, older than what was polled. */
  fill(series: readonly Series[]): void;
  /** Every point of the last `minutes`, for a window drawing from scratch. */
  points(): LivePoints[];
  /** The points not sent yet (and marks them sent). */
  unsent(): LivePoints[];
}

export function createLiveSession(id: string, request: LiveStart, client: LiveClient, now: () => number): LiveSession {
  const followed: Followed[] = request.signals.map((s) => ({
    info: { column: s.rename, signalId: s.id, dataType: s.dataType, physicalUnit: s.physicalUnit },
    ring: s.dataType === 'float' ? new LineRing(LIVE_LIMITS.pointsPerSignal) : new LaneRing(LIVE_LIMITS.pointsPerSignal),
    latest: null,
    sent: Number.NEGATIVE_INFINITY,
    unseen: false,
  }));
  const byId = new Map(followed.map((f) => [f.info.signalId, f]));
  const byColumn = new Map(followed.map((f) => [f.info.column, f]));
  const workspaces = new Map<number, { id: number; dataType: LiveSignal['dataType'] }[]>();
  for (const s of request.signals) {
    const group = workspaces.get(s.workspace.id) ?? [];
    group.push({ id: s.id, dataType: s.dataType });
    workspaces.set(s.workspace.id, group);
  }
  const windowStart = () => now() - request.minutes * 60_000;

  function take(points: LatestPoint[], intervalMs: number): void {
    for (const p of points) {
      const f = byId.get(p.signalId);
      if (!f) continue;
      const last = f.ring.lastTime;
      // Live looked away since the last point, and this one is more than a poll or two later: a
      // straight line between them would show what nobody saw. (The same point again: nothing missed.)
      if (f.unseen && p.t > last && p.t - last > 2 * intervalMs && Number.isFinite(last)) {
        if (f.ring instanceof LineRing) f.ring.push((last + p.t) / 2, Number.NaN);
        else f.ring.push((last + p.t) / 2, null);
      }
      f.unseen = false;
      const added =
        f.ring instanceof LineRing ? f.ring.push(p.t, typeof p.value === 'number' ? p.value : Number.NaN) : f.ring.push(p.t, p.value);
      if (added) f.latest = { t: p.t, value: p.value };
    }
  }

  const pointsOf = (f: Followed, after: number): LivePoints => {
    const { t, v } = f.ring.since(after);
    return f.ring instanceof LineRing
      ? { column: f.info.column, shape: 'line', t, v: v as Float64Array }
      : { column: f.info.column, shape: 'steps', t, v: v as (number | string | boolean | null)[] };
  };

  return {
    id,
    request,
    signals: () => followed.map((f) => ({ ...f.info, latest: f.latest })),

    async poll(signal, intervalMs) {
      const asked = [...workspaces.values()].map(async (group) => {
        try {
          const answer = await client.latestPoints(
            group.map((g) => g.id),
            signal,
          );
          // A poll abandoned (Stop, a pause) after its answer came changes nothing: Live looked away before.
          if (!signal.aborted) take(toLatestPoints(answer, group), intervalMs);
        } catch (error) {
          // None of them has a point yet: nothing to show, nothing wrong.
          if (error instanceof AppError && error.kind === 'no-data') return;
          throw error;
        }
      });
      const results = await Promise.allSettled(asked);
      const start = windowStart();
      for (const f of followed) f.ring.dropBefore(start);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      // Every workspace answered: signals without a point this time missed nothing either.
      if (!signal.aborted) for (const f of followed) f.unseen = false;
    },

    lookedAway() {
      for (const f of followed) f.unseen = true;
    },

    fill(series) {
      const start = windowStart();
      for (const s of series) {
        const f = byColumn.get(s.column);
        if (!f) continue;
        // Only what the charts show: the fill may reach a little before the window by now.
        let from = 0;
        while (from < s.t.length && s.t[from]! < start) from++;
        const t = s.t.subarray(from);
        if (f.ring instanceof LineRing) {
          if (s.shape === 'line') f.ring.prepend(t, s.v.subarray(from));
        } else if (s.shape === 'steps') f.ring.prepend(t, s.v.slice(from));
        // The newest point, if history has one newer than any polled (the first poll has not answered yet).
        const latest = f.ring.latest();
        if (latest && (!f.latest || latest.t > f.latest.t)) f.latest = { t: latest.t, value: latest.value };
      }
    },

    points() {
      const start = windowStart();
      return followed.map((f) => pointsOf(f, start - 1));
    },

    unsent() {
      const out: LivePoints[] = [];
      for (const f of followed) {
        const p = pointsOf(f, f.sent);
        if (p.t.length === 0) continue;
        f.sent = p.t[p.t.length - 1]!;
        out.push(p);
      }
      return out;
    },
  };
}
