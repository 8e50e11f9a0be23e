import type { AppErrorData, SelectedSignal } from '../../../../src-preload/contract';

export type ErrorAction = 'retry' | 'fix-key' | 'shorten' | null;

export interface PlacedError {
  /** Problems to show beside the inputs, by form path (`signals.2.rename`, `window.start`). */
  fields: { path: string; message: string }[];
  /** Selected signals to mark as not found. */
  missingIds: number[];
  /** What to say under the Export button, and the one action that helps. */
  banner: { title: string; message: string; hint?: string; action: ErrorAction } | null;
}

/** The request names a window as `timeWindow`; the form as `window` (as written). */
const formPath = (path: string) => path.replace(/^timeWindow\b/, 'window');

/** The signals the API could not find, matched back to the selection by ID, name or column name. */
function missingSignals(items: readonly unknown[], selected: readonly SelectedSignal[]): number[] {
  const ids = new Set<number>();
  for (const item of items) {
    const candidates: unknown[] = typeof item === 'object' && item !== null ? Object.values(item as object) : [item];
    for (const s of selected) {
      if (candidates.some((c) => c === s.id || c === String(s.id) || c === s.name || c === s.rename)) ids.add(s.id);
    }
  }
  return [...ids];
}

/**
 * Where each failure of an export belongs: invalid fields beside their inputs, missing signals in
 * the list, a refused key with a way to the connection, a timeout with the advice to shorten the
 * window, a network or server failure with a retry.
 */
export function placeExportError(error: AppErrorData, selected: readonly SelectedSignal[]): PlacedError {
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
