import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { readRecipe, RECIPE_KIND, RECIPE_VERSION, type Recipe, type RecipeInput } from '../../src-preload/contract/recipes';
import { AppError } from '../errors/app-error';
import { ExportRecord } from '../exports/save/export-record';

/*
 * A recipe on disk: a recipe file, or any export's `.export.json` record read as one, so that an
 * export can be run again: for the same relative window when it was relative (the record keeps the
 * window as written), else for its own absolute window, into its own folder under its own name.
 */

/** A recipe with the folder its relative paths are read from. */
export interface LoadedRecipe {
  recipe: Recipe;
  baseDir: string;
}

const refused = (path: string, issues: string[]) =>
  new AppError('validation', `${path} is not a recipe this app can run:\n  ${issues.join('\n  ')}`, {
    hint: 'A recipe is written by `export … --save-recipe FILE` or the window\'s "Save as recipe".',
  });

/** The recipe an export record describes (signals by ID with their columns, its formats and values). */
export function recipeOfRecord(record: ExportRecord): RecipeInput {
  const window = record.written?.window ?? {
    start: record.request.timeWindow.start,
    end: record.request.timeWindow.end,
    timeZone: record.timeZone,
  };
  return {
    kind: RECIPE_KIND,
    version: RECIPE_VERSION,
    name: record.file,
    signals: record.request.signals.map((s) => ({ id: s.id, column: s.column })),
    window,
    format: record.request.format,
    values: record.values,
    output: { folder: '.', fileName: record.written?.fileName ?? record.file, localTimeColumn: record.localTimeColumn },
  };
}

export async function loadRecipeFile(path: string): Promise<LoadedRecipe> {
  const full = resolve(path);
  let data: unknown;
  try {
    data = JSON.parse(await readFile(full, 'utf8'));
  } catch (error) {
    throw refused(path, [`cannot read it as JSON (${(error as Error).message})`]);
  }
  const isRecord = typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'signal-explorer-export';
  if (isRecord) {
    const record = ExportRecord.safeParse(data);
    if (!record.success) throw refused(path, [`an export record, but ${record.error.issues[0]?.message ?? 'damaged'}`]);
    if (record.data.layout !== 'file') throw refused(path, ['the record of a dataset folder: run its plan again with `export --plan`']);
    data = recipeOfRecord(record.data);
  }
  const read = readRecipe(data);
  if (!read.ok) throw refused(path, read.issues);
  return { recipe: read.recipe, baseDir: dirname(full) };
}
