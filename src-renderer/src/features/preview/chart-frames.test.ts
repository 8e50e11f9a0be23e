import { describe, expect, it } from 'vitest';
import { createChartFrames } from './chart-frames';

describe('chart frames', () => {
  it('runs as many tasks a frame as fit its budget, in order, and forgets a task taken back', () => {
    const frames: (() => void)[] = [];
    let clock = 0;
    const q = createChartFrames(
      (run) => frames.push(run),
      10,
      () => clock,
    );
    const ran: string[] = [];
    const seen: boolean[] = [];
    // Each task takes 4 ms of the clock: three fit in a budget of 10 (the third starts at 8).
    const task = (name: string) => () => {
      seen.push(q.inFrame());
      ran.push(name);
      clock += 4;
    };
    for (const name of ['a', 'b', 'c', 'd']) q.inNextFrame(task(name));
    const cancelE = q.inNextFrame(task('e'));
    q.inNextFrame(task('f'));
    expect(frames).toHaveLength(1); // one frame asked for at a time
    cancelE();
    frames.shift()!();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(ran).toEqual(['a', 'b', 'c', 'd', 'f']);
    expect(frames).toHaveLength(0);
    expect(seen.every(Boolean)).toBe(true);
    expect(q.inFrame()).toBe(false);
  });

  it('runs at least one task a frame, however long it takes, and goes on after one that throws', () => {
    const frames: (() => void)[] = [];
    let clock = 0;
    const q = createChartFrames(
      (run) => frames.push(run),
      10,
      () => clock,
    );
    const ran: string[] = [];
    q.inNextFrame(() => {
      clock += 30;
      throw new Error('a chart that failed to draw');
    });
    q.inNextFrame(() => ran.push('next'));
    expect(() => frames.shift()!()).toThrow(/failed to draw/);
    expect(q.inFrame()).toBe(false);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(ran).toEqual(['next']);
  });
});
