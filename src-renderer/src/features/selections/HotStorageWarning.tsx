import { useWatch } from 'react-hook-form';
import { useNow } from '../../lib/use-now';
import { useWeekStart } from '../../lib/week-start';
import { formatReadable } from '../../lib/zoned-time';
import type { SelectionValues } from './form-schema';
import { hotStorageCut } from './hot-storage';
import { readWindow } from './time-window';

/** On a Nortech connection, a window that reaches into the last day: say what will be missing. */
export function HotStorageWarning({ nortech }: { nortech: boolean }) {
  const window = useWatch<SelectionValues, 'window'>({ name: 'window' });
  const now = useNow();
  const weekStart = useWeekStart();
  if (!nortech || !window) return null;
  const read = readWindow(window, now, weekStart);
  if (!read.ok) return null;
  const cut = hotStorageCut(Date.parse(read.end), now);
  if (cut === null) return null;
  return (
    <p className="note" role="note" data-testid="hot-storage-warning">
      Nortech keeps the last day in hot storage, which cannot be downloaded yet: this window reaches into it, so there will be no data after
      about {formatReadable(cut, window.timeZone)}. End the window a day ago to get all of it.
    </p>
  );
}
