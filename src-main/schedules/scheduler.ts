import { runsAfter, type Schedule } from '../../src-preload/contract/schedules';
import { silentLogger, type Logger } from '../log/logger';
import { nextRunTime, runTimes } from './schedule-rule';
import type { ScheduleStore } from './schedule-store';

/*
 * Runs the app's schedules. Every tick runs what is due up to now, oldest first across all
 * schedules, each run for its own scheduled instant (a daily "yesterday" missed three days runs three
 * times, for three days), then sleeps until the next instant. On start the same tick catches up what
 * was missed while the app was closed. A run's scheduled instant is kept as the schedule's last run
 * once it has ended, so nothing runs twice; a crash during a run makes it run again on the next
 * start, and a recipe's run skips an output its record already matches. A failing run is tried
 * again with backoff, then given up and its failure shown (`onFailure`).
 */

export interface SchedulerDeps {
  store: ScheduleStore;
  /** Runs the schedule's recipe for the window at `at` (its `now`); throws when it fails. */
  run(schedule: Schedule, at: number): Promise<void>;
  now(): number;
  /** Waits before a retry (tests pass time at once). */
  sleep(ms: number): Promise<void>;
  /** Calls `fire` after `ms`; answers how to cancel it. */
  setTimer(fire: () => void, ms: number): () => void;
  /** Tries of one run, and the first wait between them (doubling). */
  attempts?: number;
  retryDelayMs?: number;
  /** A run failed after its retries (the window's badge, an OS notification). */
  onFailure?(schedule: Schedule, at: number, error: unknown): void;
  log?: Logger;
}

export interface Scheduler {
  /** Catches up missed runs, then keeps time. Resolves once the catch-up is done. */
  start(): Promise<void>;
  /** Runs what is due now (after a schedule is added or changed). */
  tick(): Promise<void>;
  /** Stops the timer; a run in progress ends on its own. */
  stop(): void;
}

/** Longest timer Node takes (about 24.8 days); a later run is re-armed then. */
const MAX_TIMER = 2 ** 31 - 1;

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const log = deps.log ?? silentLogger;
  const attempts = deps.attempts ?? 4;
  const firstDelay = deps.retryDelayMs ?? 60_000;
  let cancelTimer: (() => void) | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function runOnce(schedule: Schedule, at: number): Promise<void> {
    let error: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await deps.run(schedule, at);
        await deps.store.update(schedule.id, { lastRunAt: at, lastError: null });
        return;
      } catch (e) {
        error = e;
        log.warn('A scheduled run failed', { scheduleId: schedule.id, at: new Date(at).toISOString(), attempt, err: e });
        if (attempt < attempts) await deps.sleep(firstDelay * 2 ** (attempt - 1));
      }
    }
    const message = error instanceof Error ? error.message : String(error);
    await deps.store.update(schedule.id, { lastRunAt: at, lastError: message.slice(0, 2_000) });
    deps.onFailure?.(schedule, at, error);
  }

  async function due(): Promise<void> {
    const now = deps.now();
    const schedules = (await deps.store.list()).filter((s) => s.enabled);
    const runs = schedules
      .flatMap((s) => runTimes(s.rule, s.timeZone, runsAfter(s), now).map((at) => ({ s, at })))
      .sort((a, b) => a.at - b.at);
    for (const { s, at } of runs) {
      if (stopped) return;
      // A schedule removed or changed while earlier runs ran is read again.
      const current = (await deps.store.list()).find((x) => x.id === s.id);
      if (!current?.enabled || runsAfter(current) >= at) continue;
      await runOnce(current, at);
    }
    arm(await deps.store.list());
  }

  function arm(schedules: Schedule[]): void {
    cancelTimer?.();
    cancelTimer = null;
    if (stopped) return;
    const now = deps.now();
    const next = schedules
      .filter((s) => s.enabled)
      .map((s) => nextRunTime(s.rule, s.timeZone, Math.max(now, runsAfter(s))))
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b)[0];
    if (next === undefined) return;
    cancelTimer = deps.setTimer(() => void scheduler.tick(), Math.min(Math.max(0, next - now), MAX_TIMER));
  }

  const scheduler: Scheduler = {
    start: () => scheduler.tick(),
    tick() {
      running = running.then(due).catch((error: unknown) => log.error('The scheduler could not read its schedules', { err: error }));
      return running;
    },
    stop() {
      stopped = true;
      cancelTimer?.();
    },
  };
  return scheduler;
}
