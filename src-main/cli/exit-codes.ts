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
  /** Ctrl-C: the shell's convention for a command ended by SIGINT. */
  cancelled: 130,
} as const;

/** The exit code for an error, given where the export was when it happened (`details.during`). */
export function exitCodeFor(kind: ErrorKind, details?: ErrorDetails): number {
  if (kind === 'cancelled') return EXIT.cancelled;
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
