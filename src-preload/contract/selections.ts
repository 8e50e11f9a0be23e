import { z } from 'zod';
import { call, Done, NoInput } from './define';
import { Format, SelectedSignal } from './exports';

/**
 * The window as the user wrote it: absolute times or expressions like `now-6h`, and the zone they
 * are read in. Kept as written so that "last 24 hours" stays relative when a selection is loaded.
 */
export const WindowInput = z.object({
  start: z.string().trim().min(1, 'Enter a start'),
  end: z.string().trim().min(1, 'Enter an end'),
  /** `local`, `UTC`, or an IANA zone like `Europe/Lisbon`. */
  timeZone: z.string().min(1).max(64),
});
export type WindowInput = z.infer<typeof WindowInput>;

export const SelectionName = z.string().trim().min(1, 'Give the selection a name').max(120);

export const SavedSelection = z.object({
  id: z.string(),
  name: SelectionName,
  connectionId: z.string(),
  signals: z.array(SelectedSignal),
  window: WindowInput,
  format: Format,
  savedAt: z.number(),
});
export type SavedSelection = z.infer<typeof SavedSelection>;

export const selectionCalls = {
  'selections.list': call('Saved selections, by name.', NoInput, z.array(SavedSelection)),
  'selections.save': call(
    'Save a selection (a new one without id, else replace it).',
    SavedSelection.omit({ id: true, savedAt: true }).extend({ id: z.string().optional() }),
    SavedSelection,
  ),
  'selections.rename': call('Rename a saved selection.', z.object({ id: z.string(), name: SelectionName }), SavedSelection),
  'selections.remove': call('Delete a saved selection.', z.object({ id: z.string() }), Done),
};
