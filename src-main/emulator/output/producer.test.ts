import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { demoCatalog, startTestEmulator, type TestEmulator } from '../testing/fixture';

/*
 * Where and how many files the emulator produces at once: `productionSlots` (default 1, later
 * requests wait their turn) and `productionThread` (files written on a thread of their own, so
 * that a finished file is downloaded while the next is produced). Real emulators, real HTTP.
 */

let emu: TestEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

// The CMS unit's float signals, one a second: a day of ten is 864,000 values.
const cms = [...demoCatalog().signalsById.values()].filter((s) => s.unit.name === 'CMS WTG-A01').slice(0, 10);
const day = (d: number) => ({ start: `2025-03-0${d}T00:00:00Z`, end: `2025-03-0${d + 1}T00:00:00Z` });

async function sync(body: unknown): Promise<{ requestId: number; outputFile: string }> {
  const res = await emu!.post('/api/v1/historical-data/sync', body);
  if (res.status !== 200) throw new Error(`sync answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { requestId: number; outputFile: string };
}

/** Starts two requests at once, a large one first; answers when each file's production started and ended. */
async function productions(slots: number): Promise<Record<'large' | 'small', { start: number; end: number }>> {
  const seen: Partial<Record<'large' | 'small', { start: number; end: number }>> = {};
  emu = await startTestEmulator({
    productionSlots: slots,
    onProduced: (p) => {
      const end = performance.now();
      seen[p.rows > 1000 ? 'large' : 'small'] = { start: end - p.ms, end };
    },
  });
  // Three days of ten signals: a file written in many chunks, each a turn of the event loop.
  const large = sync({ signals: cms.map((s) => s.id), timeWindow: { start: day(1).start, end: day(4).start }, format: 'parquet' });
  const small = sync({ signals: [cms[0]!.id], timeWindow: { start: '2025-03-05T00:00:00Z', end: '2025-03-05T00:01:00Z' } });
  await Promise.all([large, small]);
  return seen as Record<'large' | 'small', { start: number; end: number }>;
}

describe('the emulator produces', () => {
  it('one file at a time by default, in arrival order; more at once when given more slots', async () => {
    const one = await productions(1);
    // The small one waited for the large one's turn to end.
    expect(one.small.start).toBeGreaterThanOrEqual(one.large.end - 1);
    await emu!.close();
    // Two at once: the small one was produced while the large one was.
    const two = await productions(2);
    expect(two.small.start).toBeLessThan(two.large.end);
  });

  it('on a thread of its own: the same files, time limits kept, and a finished file downloaded while the next is produced', async () => {
    const digest = async (url: string) =>
      createHash('md5')
        .update(Buffer.from(await (await fetch(url)).arrayBuffer()))
        .digest('hex');
    const body = { signals: cms.slice(0, 3).map((s) => s.id), timeWindow: day(1), format: 'csv' };
    emu = await startTestEmulator();
    const inline = await digest((await sync(body)).outputFile);
    await emu.close();
    emu = await startTestEmulator({ productionThread: true, productionSlots: 2 });
    expect(await digest((await sync(body)).outputFile)).toBe(inline);

    // A file of a day of ten signals, then two days produced while it downloads: the download ends first.
    const first = await sync({ signals: cms.map((s) => s.id), timeWindow: day(1), format: 'parquet' });
    let answered = false;
    const next = sync({ signals: cms.map((s) => s.id), timeWindow: { start: day(2).start, end: day(4).start }, format: 'parquet' }).then(
      () => (answered = true),
    );
    const bytes = (await (await fetch(first.outputFile)).arrayBuffer()).byteLength;
    expect(bytes).toBeGreaterThan(2_000_000);
    expect(answered).toBe(false);
    await next;
    await emu.close();

    // The time limit counts in the production thread too.
    emu = await startTestEmulator({ productionThread: true, syncTimeLimitMs: 1 });
    const res = await emu.post('/api/v1/historical-data/sync', { signals: cms.map((s) => s.id), timeWindow: day(1) });
    expect([res.status, ((await res.json()) as { error?: string }).error]).toEqual([500, 'Request timed out']);
  });

  it('on a thread of its own from what a message carries of each signal: every kind of value and gap gives the same file', async () => {
    const all = [...demoCatalog().signalsById.values()];
    // One signal of each data type, and one with gaps: their models cross the thread as data, parsed there.
    const picked = [...new Map(all.map((s) => [s.dataType, s])).values()];
    const gappy = all.find((s) => s.gaps);
    if (gappy) picked.push(gappy);
    expect(new Set(picked.map((s) => s.dataType))).toEqual(new Set(['float', 'boolean', 'string', 'json']));
    const body = {
      signals: picked.map((s) => s.id),
      timeWindow: { start: '2025-03-01T00:00:00Z', end: '2025-03-01T06:00:00Z' },
      format: 'json',
    };
    const text = async (url: string) => (await fetch(url)).text();
    emu = await startTestEmulator();
    const inline = await text((await sync(body)).outputFile);
    await emu.close();
    emu = await startTestEmulator({ productionThread: true });
    const threaded = await text((await sync(body)).outputFile);
    expect(threaded.length).toBeGreaterThan(1000);
    expect(threaded).toBe(inline);
  });
});
