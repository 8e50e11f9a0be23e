import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { StoredRecipe } from '../../src-preload/contract';
import type { Recipe } from '../../src-preload/contract/recipes';
import { AppError } from '../errors/app-error';
import { readJsonFile, serialized, writeJsonFile } from '../storage/json-file';

/** The app's recipes in `recipes.json` of the data folder, written atomically, one change at a time. */
export interface RecipeStore {
  list(): Promise<StoredRecipe[]>;
  get(id: string): Promise<StoredRecipe>;
  save(recipe: Recipe, id?: string): Promise<StoredRecipe>;
  remove(id: string): Promise<void>;
}

const Recipes = z.array(StoredRecipe).max(1_000);

export function recipeStore(dataDir: string, now: () => number = Date.now): RecipeStore {
  const file = join(dataDir, 'recipes.json');
  const queue = serialized();
  const load = () => readJsonFile(file, Recipes, []);
  const missing = (id: string) => new AppError('not-found', 'That recipe no longer exists.', { hint: `id ${id}` });
  return {
    list: async () => (await load()).sort((a, b) => a.recipe.name.localeCompare(b.recipe.name)),
    async get(id) {
      const found = (await load()).find((r) => r.id === id);
      if (!found) throw missing(id);
      return found;
    },
    save: (recipe, id) =>
      queue(async () => {
        const list = await load();
        if (id !== undefined && !list.some((r) => r.id === id)) throw missing(id);
        const entry: StoredRecipe = { id: id ?? randomUUID(), recipe, savedAt: now() };
        await writeJsonFile(file, [...list.filter((r) => r.id !== entry.id), entry]);
        return entry;
      }),
    remove: (id) =>
      queue(async () => {
        const list = await load();
        if (!list.some((r) => r.id === id)) throw missing(id);
        await writeJsonFile(
          file,
          list.filter((r) => r.id !== id),
        );
      }),
  };
}
