import { randomUUID } from 'node:crypto';
import type { LiveMinutes, LivePoints, LiveStart, LiveStatus } from '../../src-preload/contract';
import { toErrorData } from '../errors/app-error';
import type { HistoryFill } from './history-fill';
import { createLiveSession, type LiveClient, type LiveSession } from './live-session';
import { createPoller, type PauseReason, type Poller } from './live-poller';

/*
 * Live in the main process: one session at a time (a new start ends the one before), its poller,
 * the history fill, and the updates to the window, a few a second at most: each carries the state
 * and the points polled since the last one.
 */

export interface LiveService {
  /** Follows these signals, ending any session before; the charts fill once with the last `minutes`. */
  start(request: LiveStart): Promise<LiveStatus>;
  stop(): LiveStatus;
  resume(): LiveStatus;
  status(): LiveStatus;
  /** Every point held, for a window drawing from scratch. */
  points(): { sessionId: string | null; at: number; series: LivePoints[] };
  /** The window hidden (browser tab, page visibility) or minimised (desktop): no polls meanwhile. */
  setHidden(reason: PauseReason, hidden: boolean): LiveStatus;
  close(): Promise<void>;
}

export interface LiveServiceOptions {
  /** The client of a connection (its URL and key). */
  clientFor(connectionId: string): Promise<LiveClient>;
  /** The polling interval in force (Settings). */
  intervalMs(): Promise<number>;
  fill: HistoryFill;
  emit(update: { status: LiveStatus; points: LivePoints[] }): void;
  now?: () => number;
}

const EMIT_EVERY_MS = 200;

interface Running {
  session: LiveSession;
  poller: Poller;
  history: LiveStatus['history'];
  intervalMs: number;
  /** Ends the fill. */
  abort: AbortController;
}

export function createLiveService(opts: LiveServiceOptions): LiveService {
  const now = opts.now ?? Date.now;
  const hidden = new Set<PauseReason>();
  let current: Running | null = null;
  let lastMinutes: LiveMinutes = 15;
  let lastIntervalMs = 2_000;
  let lastEmit = 0;
  let trailing: ReturnType<typeof setTimeout> | undefined;

  const status = (): LiveStatus => {
    if (!current) {
      return {
        sessionId: null,
        connectionId: null,
        signals: [],
        minutes: lastMinutes,
        intervalMs: lastIntervalMs,
        state: { state: 'off' },
        history: null,
        at: now(),
      };
    }
    const { session, poller, history, intervalMs } = current;
    return {
      sessionId: session.id,
      connectionId: session.request.connectionId,
      signals: session.signals(),
      minutes: session.request.minutes,
      intervalMs,
      state: poller.state(),
      history,
      at: now(),
    };
  };

  /** Tells the window, at most every 200 ms; a change meanwhile goes out when that time comes. */
  function changed(): void {
    const t = now();
    if (t - lastEmit < EMIT_EVERY_MS) {
      trailing ??= setTimeout(
        () => {
          trailing = undefined;
          changed();
        },
        EMIT_EVERY_MS - (t - lastEmit),
      );
      return;
    }
    clearTimeout(trailing);
    trailing = undefined;
    lastEmit = t;
    opts.emit({ status: status(), points: current?.session.unsent() ?? [] });
  }

  function end(): void {
    if (!current) return;
    current.poller.close();
    current.abort.abort();
    current = null;
  }

  function startFill(run: Running): void {
    const { request } = run.session;
    const endMs = now();
    opts
      .fill(
        { connectionId: request.connectionId, signals: request.signals, start: endMs - request.minutes * 60_000, end: endMs },
        run.abort.signal,
      )
      .then(
        (series) => {
          if (current !== run) return;
          run.session.fill(series);
          run.history = { state: 'filled' };
        },
        (error: unknown) => {
          if (current !== run) return;
          run.history = { state: 'failed', error: toErrorData(error) };
        },
      )
      .finally(() => current === run && changed());
  }

  return {
    async start(request) {
      const client = await opts.clientFor(request.connectionId);
      end();
      lastMinutes = request.minutes;
      const session = createLiveSession(randomUUID(), request, client, now);
      const intervalMs = (lastIntervalMs = await opts.intervalMs());
      const run: Running = { session, history: { state: 'filling' }, intervalMs, abort: new AbortController(), poller: null! };
      run.poller = createPoller({
        poll: async (signal) => {
          run.intervalMs = lastIntervalMs = await opts.intervalMs();
          await session.poll(signal, run.intervalMs);
          changed();
        },
        intervalMs: opts.intervalMs,
        onState: (state) => {
          if (state.state !== 'live') session.lookedAway();
          changed();
        },
        now,
      });
      for (const reason of hidden) run.poller.pause(reason, true);
      current = run;
      startFill(run);
      changed();
      return status();
    },
    stop() {
      current?.poller.stop();
      return status();
    },
    resume() {
      current?.poller.resume();
      return status();
    },
    status,
    points() {
      return { sessionId: current?.session.id ?? null, at: now(), series: current?.session.points() ?? [] };
    },
    setHidden(reason, on) {
      if (on) hidden.add(reason);
      else hidden.delete(reason);
      current?.poller.pause(reason, on);
      return status();
    },
    async close() {
      clearTimeout(trailing);
      end();
    },
  };
}
