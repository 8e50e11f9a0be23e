import { describe, expect, it } from 'vitest';
import { LIVE_LIMITS, type LiveSignal } from '../../../../src-preload/contract';
import { LiveLines } from './live-lines';

const signal = (column: string, dataType: LiveSignal['dataType'] = 'float'): LiveSignal => ({
  column,
  signalId: 1,
  dataType,
  physicalUnit: '',
  latest: null,
});
const line = (t: number[], v: number[]) => ({ column: 'a', shape: 'line' as const, t: Float64Array.from(t), v: Float64Array.from(v) });

describe('LiveLines', () => {
  it('a snapshot that arrives after newer events keeps them', () => {
    const lines = new LiveLines();
    lines.reset('s1', [signal('a')]);
    lines.append([line([10, 11], [1, 2])]);
    // The snapshot was taken before the event with 11 reached the window, and holds older history.
    lines.replace([line([5, 6, 10], [50, 60, 1])]);
    const got = lines.line('a', 0)!;
    expect([...got.t]).toEqual([5, 6, 10, 11]);
    expect([...got.v]).toEqual([50, 60, 1, 2]);
  });

  it('drops points polled again, and what is before the charts` start', () => {
    const lines = new LiveLines();
    lines.reset('s1', [signal('a')]);
    lines.append([line([1, 2, 3], [1, 2, 3])]);
    lines.append([line([3, 4], [3, 4])]);
    expect([...lines.line('a', 2)!.t]).toEqual([2, 3, 4]);
  });

  it('holds at most the bound per signal however many events come', () => {
    const lines = new LiveLines();
    lines.reset('s1', [signal('a'), signal('state', 'string')]);
    for (let i = 0; i < 20_000; i += 100) {
      const t = Array.from({ length: 100 }, (_, k) => i + k);
      lines.append([line(t, t), { column: 'state', shape: 'steps', t: Float64Array.from(t), v: t.map((x) => (x % 2 ? 'RUN' : 'STOP')) }]);
    }
    expect(lines.size).toBe(2 * LIVE_LIMITS.pointsPerSignal);
    expect(lines.line('state', 0)!.t.at(-1)).toBe(19_999);
  });

  it('a new session starts empty, and ignores columns it does not follow', () => {
    const lines = new LiveLines();
    lines.reset('s1', [signal('a')]);
    lines.append([line([1], [1])]);
    lines.reset('s2', [signal('b')]);
    lines.append([line([2], [2])]);
    expect([lines.sessionId, lines.size, lines.line('a', 0)]).toEqual(['s2', 0, null]);
  });
});
