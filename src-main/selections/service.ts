import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { SavedSelection, type CallInput } from '../../src-preload/contract';
import type { Handlers } from '../bridge/handlers';
import { AppError } from '../errors/app-error';
import { readJsonFile, serialized, writeJsonFile } from '../storage/json-file';

const SavedSelections = z.array(SavedSelection);
/** Far more than anyone keeps; a bound on selections.json (each is at most 500 signals). */
export const MAX_SELECTIONS = 1_000;

/** Saved selections (signals, window as written, format) in `selections.json` of the data folder. */
export function selectionHandlers(
  dataDir: string,
  now: () => number = Date.now,
): Pick<Handlers, 'selections.list' | 'selections.save' | 'selections.rename' | 'selections.remove'> {
  const file = join(dataDir, 'selections.json');
  const queue = serialized(file);
  const load = () => readJsonFile(file, SavedSelections, []);
  const byName = (list: SavedSelection[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
  const missing = (id: string) => new AppError('not-found', 'That saved selection no longer exists.', { hint: `id ${id}` });

  return {
    'selections.list': async () => byName(await load()),

    'selections.save': (input: CallInput<'selections.save'>) =>
      queue(async () => {
        const list = await load();
        const index = input.id === undefined ? -1 : list.findIndex((s) => s.id === input.id);
        if (input.id !== undefined && index < 0) throw missing(input.id);
        if (index < 0 && list.length >= MAX_SELECTIONS) {
          throw new AppError('validation', `There are ${MAX_SELECTIONS.toLocaleString('en')} saved selections already.`, {
            hint: 'Delete selections you no longer need, then save again.',
          });
        }
        const entry = SavedSelection.parse({ ...input, id: input.id ?? randomUUID(), savedAt: now() });
        if (index < 0) list.push(entry);
        else list[index] = entry;
        await writeJsonFile(file, list);
        return entry;
      }),

    'selections.rename': ({ id, name }) =>
      queue(async () => {
        const list = await load();
        const entry = list.find((s) => s.id === id);
        if (!entry) throw missing(id);
        entry.name = name;
        await writeJsonFile(file, list);
        return entry;
      }),

    'selections.remove': ({ id }) =>
      queue(async () => {
        const list = await load();
        if (!list.some((s) => s.id === id)) throw missing(id);
        await writeJsonFile(
          file,
          list.filter((s) => s.id !== id),
        );
        return null;
      }),
  };
}
