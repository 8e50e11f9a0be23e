import { z } from 'zod';
import { call, event, NoInput } from './define';
import { DataType } from './catalog';
import { ConnectionId } from './connections';
import { AppErrorData } from './errors';
import { SelectedSignal } from './exports';
import { Doubles, EpochMs } from './preview';
import { boundedList, OwnId } from './bounds';

/*
 * Live: the newest points of the picked signals, polled from Nortech's live endpoint at the
 * interval of the settings, on charts that scroll over the last few minutes (filled once with that
 * stretch of history). One live session at a time, kept by the main process: it goes on when the
 * window reloads, pauses while the window is hidden, backs off while Nortech fails.
 */

/** The stretch the charts scroll over, and the history fetched once to fill them. */
export const LiveMinutes = z.union([z.literal(5), z.literal(15), z.literal(60)]);
export type LiveMinutes = z.infer<typeof LiveMinutes>;
export const LIVE_MINUTES = [5, 15, 60] as const satisfies readonly LiveMinutes[];

export const LIVE_LIMITS = {
  /** Signals one session follows: a chart per unit stays readable, and memory stays small (below). */
  signals: 50,
  /**
   * Points kept per signal, in the main process and in the window alike (live-ring.ts): 128 KB
   * for a float signal (two doubles a point), so 50 signals hold at most 6.4 MB each side however
   * long Live runs. An hour at the default 2 s interval is 1,800 polled points beside at most
   * ~4,000 of history; under 0.45 s an hour no longer fits and the oldest points go first.
   */
  pointsPerSignal: 8_192,
} as const;

/** A value as Live carries it: float -> number, boolean, string, json -> its JSON text. */
export const LiveValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type LiveValue = z.infer<typeof LiveValue>;

/** A signal's newest point as Nortech gave it. */
export const LatestPoint = z.object({ signalId: z.number().int().positive(), t: EpochMs, value: LiveValue });
export type LatestPoint = z.infer<typeof LatestPoint>;

/** A followed signal, with its newest point (null until there is one): the "last value and its age". */
export const LiveSignal = z.object({
  column: z.string(),
  signalId: z.number().int().positive(),
  dataType: DataType,
  physicalUnit: z.string(),
  latest: z.object({ t: EpochMs, value: LiveValue }).nullable(),
});
export type LiveSignal = z.infer<typeof LiveSignal>;

export const LiveState = z.discriminatedUnion('state', [
  /** No session: nothing was started yet. */
  z.object({ state: z.literal('off') }),
  /** Polling at the interval. */
  z.object({ state: z.literal('live') }),
  /** Not polling while the window is hidden (another tab, or the desktop window minimised); goes on by itself. */
  z.object({ state: z.literal('paused'), reason: z.enum(['hidden', 'minimised']) }),
  /** Stopped by the user: nothing moves until Resume. */
  z.object({ state: z.literal('stopped') }),
  /** The last poll failed in a way that may pass (503, network): the next try is at `retryAt`. */
  z.object({
    state: z.literal('retrying'),
    reason: z.string().max(500),
    retryAt: EpochMs,
    /** Failed polls in a row. */
    failures: z.number().int().positive(),
  }),
  /** The last poll failed in a way trying again cannot mend (the key, a signal gone): Resume tries once more. */
  z.object({ state: z.literal('failed'), error: AppErrorData }),
]);
export type LiveState = z.infer<typeof LiveState>;

/** The history that fills the charts: a small export of the last `minutes`, run once per session. */
export const LiveHistory = z.discriminatedUnion('state', [
  z.object({ state: z.literal('filling') }),
  z.object({ state: z.literal('filled') }),
  /** Live goes on without it (e.g. Nortech's historical storage does not hold the last minutes yet). */
  z.object({ state: z.literal('failed'), error: AppErrorData }),
]);
export type LiveHistory = z.infer<typeof LiveHistory>;

export const LiveStatus = z.object({
  /** null while the state is off. */
  sessionId: OwnId.nullable(),
  connectionId: ConnectionId.nullable(),
  signals: z.array(LiveSignal),
  minutes: LiveMinutes,
  /** The polling interval in force (Settings → Live update interval). */
  intervalMs: z.number().int().positive(),
  state: LiveState,
  history: LiveHistory.nullable(),
  /** The main process's clock when this was said: the charts end here. */
  at: EpochMs,
});
export type LiveStatus = z.infer<typeof LiveStatus>;

/** Points of one signal, oldest first, as doubles on the wire (like the preview's). */
export const LivePoints = z.discriminatedUnion('shape', [
  /** A float signal: NaN in `v` is a break (nobody looked meanwhile). */
  z.object({ column: z.string(), shape: z.literal('line'), t: Doubles, v: Doubles }),
  /** Booleans, strings and json: each state held until the next; null is a break. */
  z.object({ column: z.string(), shape: z.literal('steps'), t: Doubles, v: z.array(LiveValue) }),
]);
export type LivePoints = z.infer<typeof LivePoints>;

export const LiveStart = z
  .object({
    connectionId: ConnectionId,
    signals: boundedList(SelectedSignal, LIVE_LIMITS.signals).min(1, 'Pick at least one signal'),
    minutes: LiveMinutes,
  })
  .superRefine((req, ctx) => {
    const ids = new Set<number>();
    const columns = new Set<string>();
    req.signals.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['signals', i], message: 'This signal is picked twice' });
      else if (columns.has(s.rename))
        ctx.addIssue({ code: 'custom', path: ['signals', i, 'rename'], message: 'Same column name as another signal' });
      ids.add(s.id);
      columns.add(s.rename);
    });
  });
export type LiveStart = z.infer<typeof LiveStart>;

export const liveCalls = {
  'live.start': call(
    'Follow these signals live (ending any session before): poll at the interval, and fill the charts once with the last `minutes` of history.',
    LiveStart,
    LiveStatus,
  ),
  'live.stop': call('Stop polling; the points so far stay. A no-op without a session.', NoInput, LiveStatus),
  'live.resume': call('Poll again after Stop or a failure, at once.', NoInput, LiveStatus),
  'live.status': call('Where Live is now.', NoInput, LiveStatus),
  'live.points': call(
    'Every point held for the charts (the last `minutes`): what a window draws first, before the events bring the newer ones.',
    NoInput,
    z.object({ sessionId: OwnId.nullable(), at: EpochMs, series: z.array(LivePoints) }),
  ),
  'live.visibility': call(
    'The window says whether it is hidden (another tab, minimised): Live pauses while it is, and goes on when it is back.',
    z.object({ hidden: z.boolean() }),
    LiveStatus,
  ),
};

export const liveEvents = {
  'live.update': event(
    "Live's new state and the points polled since the last update (a few times a second at most).",
    z.object({ status: LiveStatus, points: z.array(LivePoints) }),
  ),
};
