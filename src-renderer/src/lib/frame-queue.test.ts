import { describe, expect, it } from 'vitest';
import { createFrameQueue } from './frame-queue';

describe('frame queue', () => {
  it('runs one task per frame, in the order asked, and forgets a task taken back', () => {
    const frames: (() => void)[] = [];
    const inNextFrame = createFrameQueue((run) => frames.push(run));
    const ran: string[] = [];
    inNextFrame(() => ran.push('a'));
    const cancelB = inNextFrame(() => ran.push('b'));
    inNextFrame(() => ran.push('c'));
    expect(frames).toHaveLength(1); // one frame asked for at a time
    cancelB();
    frames.shift()!();
    expect(ran).toEqual(['a']);
    frames.shift()!();
    expect(ran).toEqual(['a', 'c']);
    expect(frames).toHaveLength(0);
  });
});
