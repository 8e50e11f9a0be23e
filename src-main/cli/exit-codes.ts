import type { ErrorDetails, ErrorKind, JobStage } from '../../src-preload/contract';

/** The command line's exit codes, as documented in `--help`. */
export const EXIT = {
  saved: 0,
  other: 1,
  usage: 2,
  unauthorized: 3,
  notFound: 4,
  serverFailed: 5,
  downloadFailed: 6,
  /** The shell's number for a command ended by Ctrl-C (128 + SIGINT). */
  cancelled: 130,
} as const;

/** The exit code for an error, given the stage the export was in when it happened. */
export function exitCodeFor(kind: ErrorKind, stage?: JobStage, details?: ErrorDetails): number {
  // Before the stage: Ctrl-C while downloading is a cancel, not a failed download.
  if (kind === 'cancelled') return EXIT.cancelled;
  // A full disk is ours to fix, not the download's fault, whichever stage it stopped.
  if (details?.diskFull) return EXIT.other;
  if (stage === 'downloading' || stage === 'decoding') return EXIT.downloadFailed;
  switch (kind) {
    case 'validation':
      return EXIT.usage;
    case 'unauthorized':
      return EXIT.unauthorized;
    case 'signals-not-found':
    case 'no-data':
    case 'not-found':
      return EXIT.notFound;
    case 'server-failed':
    case 'server-timeout':
      return EXIT.serverFailed;
    default:
      return EXIT.other;
  }
}
