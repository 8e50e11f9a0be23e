/**
 * Charts to redraw, spread over animation frames: in each frame as many as fit in its budget, in
 * the order asked (each task draws one chart at once, so its cost is counted), the rest in the
 * frames after. One chart a frame made a zoom of five charts on screen wait for five frames (83 ms
 * at 60 Hz) whatever a chart cost; a budget keeps the frames short all the same.
 */
export function createChartFrames(requestFrame: (run: () => void) => unknown, budgetMs: number, now = () => performance.now()) {
  const queue: (() => void)[] = [];
  let pending = false;
  let running = false;
  const run = () => {
    pending = false;
    running = true;
    const t0 = now();
    try {
      do queue.shift()?.();
      while (queue.length && now() - t0 < budgetMs);
    } finally {
      running = false;
      // A chart that failed to draw does not hold back the others.
      if (queue.length) schedule();
    }
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestFrame(run);
  };
  return {
    /** Runs `task` in a coming frame; the returned function takes it back if it has not run. */
    inNextFrame(task: () => void): () => void {
      queue.push(task);
      schedule();
      return () => {
        const i = queue.indexOf(task);
        if (i >= 0) queue.splice(i, 1);
      };
    },
    /** Whether a frame's tasks are running now (what they draw is painted in this frame). */
    inFrame: () => running,
  };
}

/**
 * A chart drawn at once takes about 4 ms (bench renderer case): three fit in a frame with room
 * for the browser's own layout and paint.
 */
export const FRAME_BUDGET_MS = 10;

/** The window's charts. */
export const chartFrames = createChartFrames((run) => requestAnimationFrame(run), FRAME_BUDGET_MS);
