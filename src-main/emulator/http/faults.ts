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
  /** File host: the next N downloads send half their body (of the range asked), then the connection drops; counts down. */
  cutDownloadsNext: number;
  /** File host: send file bodies at about this rate. */
  slowBodyBytesPerSec: number | null;
  /** The next N file productions fail: sync answers 500 "Data request failed", async ends Failed. */
  failWritesNext: number;
  /** Retry-After (seconds) sent with the 503s above. */
  retryAfterSeconds: number;
  /** Async requests stay "Running" at least this long before production starts (to test polling). */
  asyncHoldMs: number;
  /**
   * The next N data requests hand out an outputFile URL that has already expired (the file host
   * answers 403 "Request has expired", as if the client had waited past its lifetime); counts down.
   */
  expireUrlsNext: number;
}

export function noFaults(): Faults {
  return {
    latencyMs: 0,
    fail503Next: 0,
    cutDownloadAfterBytes: null,
    cutDownloadsNext: 0,
    slowBodyBytesPerSec: null,
    failWritesNext: 0,
    retryAfterSeconds: 1,
    asyncHoldMs: 0,
    expireUrlsNext: 0,
  };
}

type Countdown = 'fail503Next' | 'failWritesNext' | 'cutDownloadsNext' | 'expireUrlsNext';

/** Consumes one of a "the next N ..." fault if armed. */
export function takeOne(faults: Faults, which: Countdown): boolean {
  if (faults[which] <= 0) return false;
  faults[which]--;
  return true;
}
