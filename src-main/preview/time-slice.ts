/**
 * Gives the event loop back when the current piece of work has run for `sliceMs`: the thread that
 * answers the window must never be held 50 ms, and a long answer is cut into pieces well under it.
 */
export function timeSlicer(sliceMs = 8): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
