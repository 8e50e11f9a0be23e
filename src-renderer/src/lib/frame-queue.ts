/**
 * Work to spread over animation frames, one piece per frame in the order asked: redrawing four
 * charts after a zoom is four short tasks the window stays responsive between, not one long one.
 */
export function createFrameQueue(requestFrame: (run: () => void) => unknown) {
  const queue: (() => void)[] = [];
  let pending = false;
  const runOne = () => {
    pending = false;
    queue.shift()?.();
    if (queue.length) schedule();
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestFrame(runOne);
  };
  /** Runs `task` in a coming frame; the returned function takes it back if it has not run. */
  return function inNextFrame(task: () => void): () => void {
    queue.push(task);
    schedule();
    return () => {
      const i = queue.indexOf(task);
      if (i >= 0) queue.splice(i, 1);
    };
  };
}

/** The window's queue. */
export const inNextFrame = createFrameQueue((run) => requestAnimationFrame(run));
