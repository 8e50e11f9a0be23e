import type { LiveState } from '../../src-preload/contract';
import { isAppError, toErrorData } from '../errors/app-error';

/*
 * The clock of Live: one poll at a time, the next one an interval after the last answer (a slow
 * answer delays the next, polls never pile up). A poll that fails in a way that may pass (503,
 * network, a timeout) is tried again after a backoff that doubles, or after the Retry-After
 * Nortech asked for if that is longer; one that cannot pass (the key, a signal gone) stops until
 * Resume. Stop (the user) and pauses (the window hidden or minimised) keep it from polling;
 * leaving a pause polls at once.
 */

export type PauseReason = 'hidden' | 'minimised';

export interface PollerOptions {
  /** One poll; throws to fail (an AppError says whether trying again may help). */
  poll(signal: AbortSignal): Promise<void>;
  /** The interval in force, read before each wait (the setting may change while Live runs). */
  intervalMs(): Promise<number>;
  /** Every change of state. */
  onState(state: LiveState): void;
  now?: () => number;
  /** The first backoff is the interval but at least this. Default 1 s: "retrying in 1 s" rather than a flurry. */
  minBackoffMs?: number;
  /** The longest backoff. Default 60 s. */
  maxBackoffMs?: number;
}

export interface Poller {
  state(): LiveState;
  /** Stops polling until resume(); a poll in flight is abandoned. */
  stop(): void;
  /** Polls at once (after Stop, a failure, or during a backoff). */
  resume(): void;
  pause(reason: PauseReason, paused: boolean): void;
  /** Stops for good. */
  close(): void;
}

/** A Retry-After longer than this is not waited for: we try again then anyway. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** The wait before try `failures + 1`: the interval (at least `bounds.min`) doubled per failure in a row, capped; a longer Retry-After wins. */
export function backoffMs(
  failures: number,
  intervalMs: number,
  retryAfterMs: number | undefined,
  bounds: { min: number; max: number },
): number {
  const doubled = Math.min(bounds.max, Math.max(intervalMs, bounds.min) * 2 ** (failures - 1));
  return Math.max(doubled, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}

export function createPoller(opts: PollerOptions): Poller {
  const now = opts.now ?? Date.now;
  const bounds = { min: opts.minBackoffMs ?? 1_000, max: opts.maxBackoffMs ?? 60_000 };
  const paused = new Set<PauseReason>();
  let stopped = false;
  let closed = false;
  let failures = 0;
  /** What the loop says when nothing stops it: live, retrying or failed. */
  let running: LiveState = { state: 'live' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | null = null;
  // Each run of the loop has a number: an abandoned poll that ends late changes nothing.
  let generation = 0;

  const state = (): LiveState => {
    if (stopped) return { state: 'stopped' };
    if (running.state === 'failed') return running;
    const reason = paused.has('minimised') ? 'minimised' : paused.has('hidden') ? 'hidden' : null;
    if (reason) return { state: 'paused', reason };
    return running;
  };
  let told = '';
  const tell = () => {
    const s = state();
    const key = JSON.stringify(s);
    if (key === told) return;
    told = key;
    opts.onState(s);
  };

  const halt = () => {
    generation++;
    clearTimeout(timer);
    timer = undefined;
    inFlight?.abort();
    inFlight = null;
  };
  const blocked = () => closed || stopped || paused.size > 0 || running.state === 'failed';

  function schedule(ms: number): void {
    clearTimeout(timer);
    const run = generation;
    timer = setTimeout(() => void pollOnce(run), ms);
  }

  async function pollOnce(run: number): Promise<void> {
    if (run !== generation || blocked()) return;
    const controller = new AbortController();
    inFlight = controller;
    try {
      await opts.poll(controller.signal);
      if (run !== generation) return;
      failures = 0;
      running = { state: 'live' };
      tell();
      schedule(await opts.intervalMs());
    } catch (error) {
      if (run !== generation) return;
      const data = toErrorData(error);
      const mayPass = isAppError(error) ? error.details?.retryable === true : false;
      if (!mayPass) {
        running = { state: 'failed', error: data };
        tell();
        return;
      }
      failures++;
      const wait = backoffMs(failures, await opts.intervalMs(), data.details?.retryAfterMs, bounds);
      running = { state: 'retrying', reason: data.message, retryAt: now() + wait, failures };
      tell();
      schedule(wait);
    } finally {
      if (inFlight === controller) inFlight = null;
    }
  }

  /** Polls at once, unless something keeps it from polling. */
  const restart = () => {
    halt();
    if (!blocked()) schedule(0);
  };

  restart();
  return {
    state,
    stop() {
      if (closed || stopped) return;
      stopped = true;
      halt();
      tell();
    },
    resume() {
      if (closed) return;
      stopped = false;
      // A failure or a backoff is tried again now: the user asked.
      if (running.state !== 'live') running = { state: 'live' };
      failures = 0;
      tell();
      restart();
    },
    pause(reason, on) {
      if (closed || paused.has(reason) === on) return;
      if (on) paused.add(reason);
      else paused.delete(reason);
      tell();
      if (paused.size > 0) halt();
      else restart();
    },
    close() {
      closed = true;
      halt();
    },
  };
}
