/**
 * Writes in order with one in flight: put() waits for the write before and starts this one, so
 * the caller makes the next bytes while these go to disk. The bytes given to put() must stay as
 * they are until the next put() returns (the encoders' two buffers in turn allow exactly that).
 */
export function orderedWrites(write: (bytes: Uint8Array) => Promise<void>): {
  put(bytes: Uint8Array): Promise<void>;
  flush(): Promise<void>;
} {
  let pending: Promise<void> = Promise.resolve();
  return {
    async put(bytes) {
      await pending;
      pending = write(bytes);
      // A failure is met by the next put() or flush(); until then it is not "unhandled".
      pending.catch(() => undefined);
    },
    flush: () => pending,
  };
}
