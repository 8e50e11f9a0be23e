/**
 * Gives the event loop back when the current piece of work has run for `sliceMs`: the thread that
 * answers the window must never be held 50 ms, and a long answer is cut into pieces well under it.
 */
export function timeSlicer(sliceMs = 8): () => Promise<void> | null {
  let since = performance.now();
  // Null while the slice lasts: `await` on it would still cost a promise and a turn of the microtask queue.
  return () => {
    if (performance.now() - since < sliceMs) return null;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
