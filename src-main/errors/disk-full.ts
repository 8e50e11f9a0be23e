import { AppError } from './app-error';

/*
 * A full disk (ENOSPC) or a used-up quota (EDQUOT) is no network failure and no reason to try
 * again: the user must free space. Which disk matters, since the cache and the saved file may be
 * on different ones. No path in the message: browser mode answers over HTTP.
 */

/** `cache`: where downloads and conversions are kept; `target`: where the user saves the file. */
export type Disk = 'cache' | 'target';

export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** `what` ends the sentence: "the download stopped at 12.0 MB", "wind.csv was not saved". */
export function diskFullError(disk: Disk, what: string, options?: { cause?: unknown }): AppError {
  const which = disk === 'cache' ? "The disk that holds Signal Explorer's cache is full" : 'The disk you are saving to is full';
  return new AppError(
    'file',
    `${which} (or your quota on it is used up): ${what}.`,
    {
      diskFull: disk,
      hint:
        disk === 'cache'
          ? 'Free some space on that disk (removing old exports from History helps), then run the export again.'
          : 'Free some space there, or save somewhere else.',
      retryable: false,
    },
    options,
  );
}
