import { z } from 'zod';
import { Derivations } from './derive';
import { call, Done, NoInput } from './define';
import { Format, SelectedSignal } from './exports';
import { Values } from './aggregation';
import { ConnectionId } from './connections';
import { boundedList, LIMITS, oneLine, OwnId, WindowTimeZone } from './bounds';

/**
 * The window as the user wrote it: absolute times or expressions like `now-6h`, and the zone they
 * are read in. Kept as written so that "last 24 hours" stays relative when a selection is loaded.
 */
export const WindowInput = z.object({
  start: oneLine(LIMITS.timeText).trim().min(1, 'Enter a start'),
  end: oneLine(LIMITS.timeText).trim().min(1, 'Enter an end'),
  /** `local`, `UTC`, or an IANA zone like `Europe/Lisbon`. */
  timeZone: WindowTimeZone,
});
export type WindowInput = z.infer<typeof WindowInput>;

export const SelectionName = oneLine(120).trim().min(1, 'Give the selection a name');

export const SavedSelection = z.object({
  id: OwnId,
  name: SelectionName,
  connectionId: ConnectionId,
  signals: boundedList(SelectedSignal, LIMITS.signals),
  window: WindowInput,
  format: Format,
  /** Raw rows, or one row per interval (a selection saved before there were aggregations has none: raw). */
  values: Values.optional(),
  /** Derived signals and conditions (a selection saved before them has none). */
  derivations: Derivations.optional(),
  savedAt: z.number(),
});
export type SavedSelection = z.infer<typeof SavedSelection>;

export const selectionCalls = {
  'selections.list': call('Saved selections, by name.', NoInput, z.array(SavedSelection)),
  'selections.save': call(
    'Save a selection (a new one without id, else replace it).',
    SavedSelection.omit({ id: true, savedAt: true }).extend({ id: OwnId.optional() }),
    SavedSelection,
  ),
  'selections.rename': call('Rename a saved selection.', z.object({ id: OwnId, name: SelectionName }), SavedSelection),
  'selections.remove': call('Delete a saved selection.', z.object({ id: OwnId }), Done),
};
