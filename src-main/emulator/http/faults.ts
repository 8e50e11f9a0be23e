/**
 * Fault knobs for tests and demos. All off by default; tests set fields directly on the live
 * object (`emulator.faults.fail503Next = 2`), the CLI from flags.
 */
export interface Faults {
  /** Added before every API answer (`/api/...`, not the file host). */
  latencyMs: number;
  /** The next N API calls answer 503 with Retry-After; counts down per call. */
  fail503Next: number;
  /** File host: destroy the socket after this many bytes of body (every download while set). */
  cutDownloadAfterBytes: number | null;
  /** File host: send file bodies at about this rate. */
  slowBodyBytesPerSec: number | null;
  /** The next N file productions fail: sync answers 500 "Data request failed", async ends Failed. */
  failWritesNext: number;
  /** Retry-After (seconds) sent with the 503s above. */
  retryAfterSeconds: number;
  /** Async requests stay "Running" at least this long before production starts (to test polling). */
  asyncHoldMs: number;
}

export function noFaults(): Faults {
  return {
    latencyMs: 0,
    fail503Next: 0,
    cutDownloadAfterBytes: null,
    slowBodyBytesPerSec: null,
    failWritesNext: 0,
    retryAfterSeconds: 1,
    asyncHoldMs: 0,
  };
}

/** Consumes one "fail the next write" if armed. */
export function takeWriteFailure(faults: Faults): boolean {
  if (faults.failWritesNext <= 0) return false;
  faults.failWritesNext--;
  return true;
}
