import type { AppErrorData, ErrorDetails, RequestedSignal, SelectedSignal } from '../../../../src-preload/contract';
import { formatReadable } from '../../lib/zoned-time';

export type ErrorAction = 'retry' | 'fix-key' | 'shorten' | null;

export interface PlacedError {
  /** Problems to show beside the inputs, by form path (`signals.2.rename`, `window.start`). */
  fields: { path: string; message: string }[];
  /** Selected signals to mark as not found. */
  missingIds: number[];
  /** What to say under the Export button, and the one action that helps. */
  banner: { title: string; message: string; hint?: string; where?: string; action: ErrorAction } | null;
}

const DURING: Record<NonNullable<ErrorDetails['during']>, string> = {
  request: 'asking Nortech for',
  download: 'downloading',
  decode: 'reading',
  write: 'writing',
};

/** "While downloading the slice Tue 10 Nov 2026, 06:00 → 12:00": which chunk of a chunked export failed, and doing what. */
export function failedWhere(details: ErrorDetails | undefined, zone: string): string | undefined {
  const slice = details?.slice;
  if (!slice) return undefined;
  const span = `${formatReadable(slice.start, zone, { seconds: true })} → ${formatReadable(slice.end, zone, { seconds: true })}`;
  return `While ${details.during ? DURING[details.during] : 'exporting'} the slice ${span}.`;
}

/** The request names a window as `timeWindow`; the form as `window` (as written). */
const formPath = (path: string) => path.replace(/^timeWindow\b/, 'window');

/**
 * The signals the API could not find, matched back to the selection: as the request named them,
 * by ID, or by their path (the rename tells two signals of one path apart).
 */
function missingSignals(items: readonly RequestedSignal[], selected: readonly SelectedSignal[]): number[] {
  const ids = new Set<number>();
  for (const item of items) {
    for (const s of selected) {
      const same =
        typeof item === 'number'
          ? item === s.id
          : item.workspace === s.workspace.name &&
            item.asset === s.asset.name &&
            item.division === s.division.name &&
            item.unit === s.unit.name &&
            item.signal === s.name &&
            (item.rename === undefined || item.rename === s.rename);
      if (same) ids.add(s.id);
    }
  }
  return [...ids];
}

/**
 * Where each failure of an export belongs: invalid fields beside their inputs, missing signals in
 * the list, a refused key with a way to the connection, a timeout with the advice to shorten the
 * window (or, once even a minute's slice timed out, to ask for fewer signals or later), a network
 * or server failure with a retry; a chunk's failure says which slice, doing what.
 */
export function placeExportError(error: AppErrorData, selected: readonly SelectedSignal[], zone = 'UTC'): PlacedError {
  const placed = place(error, selected);
  const where = failedWhere(error.details, zone);
  return placed.banner && where ? { ...placed, banner: { ...placed.banner, where } } : placed;
}

function place(error: AppErrorData, selected: readonly SelectedSignal[]): PlacedError {
  const hint = error.details?.hint;
  switch (error.kind) {
    case 'validation': {
      const fields = (error.details?.fields ?? []).map((f) => ({ path: formPath(f.path), message: f.message }));
      return { fields, missingIds: [], banner: { title: 'Check the highlighted fields.', message: error.message, hint, action: null } };
    }
    case 'signals-not-found': {
      const missingIds = missingSignals(error.details?.signals ?? [], selected);
      return {
        fields: [],
        missingIds,
        banner: {
          title: 'Some signals were not found.',
          message: error.message,
          hint: hint ?? 'Remove the marked signals or pick them again from the tree.',
          action: null,
        },
      };
    }
    case 'unauthorized':
      return {
        fields: [],
        missingIds: [],
        banner: {
          title: 'The API key was refused.',
          message: error.message,
          hint: hint ?? 'Enter a valid key for this connection.',
          action: 'fix-key',
        },
      };
    case 'server-timeout':
      // A chunk Nortech timed out on is halved down to a minute: when even that fails, a shorter
      // window cannot help, fewer signals or another time may.
      if (error.details?.slice)
        return {
          fields: [],
          missingIds: [],
          banner: {
            title: 'Nortech took too long, even for the smallest slice.',
            message: error.message,
            hint: hint ?? 'Request fewer signals at once, or try again later.',
            action: 'retry',
          },
        };
      return {
        fields: [],
        missingIds: [],
        banner: {
          title: 'The request took too long.',
          message: error.message,
          hint: hint ?? 'Shorten the time window or pick fewer signals, then export again.',
          action: 'shorten',
        },
      };
    case 'network':
    case 'server-failed':
      return {
        fields: [],
        missingIds: [],
        banner: {
          title: error.kind === 'network' ? 'Could not reach the API.' : 'The API failed.',
          message: error.message,
          hint,
          action: 'retry',
        },
      };
    case 'no-data':
      return {
        fields: [],
        missingIds: [],
        banner: { title: 'No data.', message: error.message, hint: hint ?? 'Try a longer or earlier window.', action: null },
      };
    case 'cancelled':
      return { fields: [], missingIds: [], banner: null };
    default:
      return {
        fields: [],
        missingIds: [],
        banner: { title: 'The export failed.', message: error.message, hint, action: error.details?.retryable ? 'retry' : null },
      };
  }
}
