import type { ErrorDetails, ErrorKind } from '../../src-preload/contract';

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

/** The exit code for an error, given where the export was when it happened (`details.during`). */
export function exitCodeFor(kind: ErrorKind, details?: ErrorDetails): number {
  // Before where it happened: Ctrl-C while downloading is a cancel, not a failed download.
  if (kind === 'cancelled') return EXIT.cancelled;
  // A full disk is ours to fix, not the download's fault, wherever it stopped.
  if (details?.diskFull) return EXIT.other;
  if ((details?.during === 'download' || details?.during === 'decode') && kind !== 'validation') return EXIT.downloadFailed;
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
