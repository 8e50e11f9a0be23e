import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LiveState } from '../../src-preload/contract';
import { signalNamed, startTestEmulator, type TestEmulator } from '../emulator/testing/fixture';
import { createNortechClient } from '../nortech/client';
import { backoffMs, createPoller, type Poller } from './live-poller';

/*
 * The poller against the emulator's live endpoint and its faults: the backoff after 503s (doubling,
 * or the Retry-After asked for), a failure that cannot pass, Stop, Resume and the pauses, read from
 * the states it tells and from the calls the emulator counted.
 */

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ apiKey: 'k' });
});
afterAll(() => emu.close());
beforeEach(() => emu.resetFaults());

const wind = signalNamed('Nacelle', 'Wind Speed');
const INTERVAL = 30;
let poller: Poller | null = null;
afterEach(() => poller?.close());

/** A poller of the wind speed; every state it tells, with when. */
function follow(apiKey = 'k', minBackoffMs = 40) {
  const client = createNortechClient({ apiUrl: emu.baseUrl, apiKey, version: 't' });
  const states: (LiveState & { at: number })[] = [];
  poller = createPoller({
    poll: async (signal) => void (await client.latestPoints([wind.id], signal)),
    intervalMs: async () => INTERVAL,
    onState: (s) => states.push({ ...s, at: Date.now() }),
    minBackoffMs,
  });
  return { poller, states };
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** The count of live calls once a call in flight when the poller stopped has landed (none for 60 ms). */
async function settledCalls(): Promise<number> {
  for (;;) {
    const calls = emu.liveRequests;
    await sleep(60);
    if (emu.liveRequests === calls) return calls;
  }
}

describe('backoffMs', () => {
  it('doubles from the interval (at least the minimum) up to the maximum; a longer Retry-After wins, up to 5 min', () => {
    const b = { min: 1_000, max: 60_000 };
    expect([1, 2, 3, 4, 7, 20].map((n) => backoffMs(n, 2_000, undefined, b))).toEqual([2_000, 4_000, 8_000, 16_000, 60_000, 60_000]);
    expect(backoffMs(1, 300, undefined, b)).toBe(1_000);
    expect(backoffMs(1, 2_000, 30_000, b)).toBe(30_000);
    expect(backoffMs(3, 2_000, 1_000, b)).toBe(8_000);
    expect(backoffMs(1, 2_000, 3_600_000, b)).toBe(300_000);
  });
});

describe('the poller against the emulator', () => {
  it('polls at the interval while Nortech answers', async () => {
    const before = emu.liveRequests;
    follow();
    await until(() => emu.liveRequests >= before + 5, 'five polls');
    expect(poller!.state()).toEqual({ state: 'live' });
  });

  it('a 503 storm: retrying with the reason, waits doubling, then live again', async () => {
    emu.faults.fail503Next = 3;
    emu.faults.retryAfterSeconds = 0;
    const { states } = follow();
    await until(() => states.at(-1)?.state === 'live' && emu.faults.fail503Next === 0, 'live after the storm');
    const retries = states.filter((s) => s.state === 'retrying');
    expect(retries.map((s) => s.failures)).toEqual([1, 2, 3]);
    expect(retries.every((s) => /not available right now \(HTTP 503\)/.test(s.reason))).toBe(true);
    // Each wait is the one it announced: 40, 80, 160 ms (the interval of 30 ms is under the minimum).
    expect(retries.map((s) => s.retryAt - s.at)).toEqual([40, 80, 160].map((ms) => expect.closeTo(ms, -1.5)));
    const live = states.at(-1)!;
    expect(live.at - retries[2]!.at).toBeGreaterThanOrEqual(155);
  });

  it('a Retry-After longer than the backoff is waited for', async () => {
    emu.faults.fail503Next = 1;
    emu.faults.retryAfterSeconds = 1;
    const { states } = follow();
    await until(() => states.at(-1)?.state === 'live', 'live after the 503');
    const retry = states.find((s) => s.state === 'retrying')!;
    expect(retry.state === 'retrying' && retry.retryAt - retry.at).toBeGreaterThanOrEqual(999);
    expect(states.at(-1)!.at - retry.at).toBeGreaterThanOrEqual(990);
  });

  it('a key Nortech refuses: failed, no more polls until Resume', async () => {
    const { states } = follow('wrong');
    await until(() => states.at(-1)?.state === 'failed', 'failed');
    const failed = states.at(-1)!;
    expect(failed.state === 'failed' && failed.error.kind).toBe('unauthorized');
    const calls = emu.liveRequests;
    await sleep(INTERVAL * 5);
    expect(emu.liveRequests).toBe(calls);
  });

  it('Stop: no poll until Resume, which polls at once', async () => {
    const { states } = follow();
    await until(() => states.at(-1)?.state === 'live', 'live');
    poller!.stop();
    expect(poller!.state()).toEqual({ state: 'stopped' });
    // A poll in flight when Stop came is abandoned, but may still reach the emulator.
    const calls = await settledCalls();
    await sleep(INTERVAL * 5);
    expect(emu.liveRequests).toBe(calls);
    poller!.resume();
    await until(() => emu.liveRequests > calls, 'a poll after Resume', 1_000);
    expect(poller!.state()).toEqual({ state: 'live' });
  });

  it('paused while hidden or minimised (both must end), Stop outranks a pause', async () => {
    const { states } = follow();
    await until(() => states.at(-1)?.state === 'live', 'live');
    poller!.pause('hidden', true);
    poller!.pause('minimised', true);
    expect(poller!.state()).toEqual({ state: 'paused', reason: 'minimised' });
    const calls = await settledCalls();
    poller!.pause('minimised', false);
    expect(poller!.state()).toEqual({ state: 'paused', reason: 'hidden' });
    await sleep(INTERVAL * 5);
    expect(emu.liveRequests).toBe(calls);
    poller!.stop();
    poller!.pause('hidden', false);
    expect(poller!.state()).toEqual({ state: 'stopped' });
    poller!.resume();
    await until(() => emu.liveRequests > calls, 'a poll after the pauses', 1_000);
  });
});
