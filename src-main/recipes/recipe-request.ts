import { isAbsolute, join, resolve } from 'node:path';
import { ExportRequest, type SelectedSignal } from '../../src-preload/contract';
import { fileNameFor } from '../../src-preload/contract/recipe-template';
import {
  recipeConditionsFormat,
  recipeSaveFormat,
  type Recipe,
  type RecipeSignal,
  type WrittenWindow,
} from '../../src-preload/contract/recipes';
import { isRelativeTime, resolveWindow } from '../../src-preload/contract/time-expressions';
import { AppError, isAppError } from '../errors/app-error';
import type { createNortechClient } from '../nortech/client';
import { toSignal } from '../nortech/to-domain';
import { wholeBuckets } from '../exports/plan/whole-buckets';
import type { OutputSpecs } from '../exports/session/export-session';

/*
 * What one run of a recipe asks for, at its `now`: the window resolved in the recipe's zone, the
 * signals looked up in Nortech (their path, unit and data type go into the record; one that does
 * not exist is named with every other missing before any data is asked for), the file named by the
 * template from the window's dates. The app and the command line start it the same way.
 */

type Client = Pick<ReturnType<typeof createNortechClient>, 'getSignal' | 'getSignalByPath'>;

/** A resolved run: the request, and the file outputs the session writes (the data, and the conditions' periods when asked). */
export interface RecipeRun {
  request: ExportRequest;
  file: NonNullable<OutputSpecs['file']>;
  conditions?: NonNullable<OutputSpecs['conditions']>;
}

const invalid = (recipe: Recipe, issues: string[]) =>
  new AppError('validation', `The recipe "${recipe.name}" cannot run: ${issues.join('; ')}`, {
    fields: issues.map((message) => ({ path: 'recipe', message })),
  });

/** The window of a run at `now` (absolute ISO instants), or the validation error that names the bad expression. */
export function recipeWindow(recipe: Recipe, now: number): { start: string; end: string } {
  const w = resolveWindow(recipe.window, now);
  if (!w.ok)
    throw invalid(
      recipe,
      w.issues.map((i) => `window.${i.path}: ${i.message}${i.position === undefined ? '' : ` at position ${i.position}`}`),
    );
  return { start: w.start, end: w.end };
}

async function lookUp(client: Client, want: RecipeSignal, signal?: AbortSignal): Promise<SelectedSignal | null> {
  try {
    const wire =
      'id' in want
        ? await client.getSignal(want.id, signal)
        : await client.getSignalByPath(...(want.path.split('/') as [string, string, string, string, string]), signal);
    const found = toSignal(wire);
    return { ...found, rename: want.column ?? String(found.id) };
  } catch (error) {
    if (isAppError(error) && error.kind === 'not-found') return null;
    throw error;
  }
}

/** The recipe's signals, looked up a few at a time. */
async function recipeSignals(client: Client, recipe: Recipe, signal?: AbortSignal): Promise<SelectedSignal[]> {
  const found: (SelectedSignal | null)[] = [];
  for (let i = 0; i < recipe.signals.length; i += 8) {
    found.push(...(await Promise.all(recipe.signals.slice(i, i + 8).map((s) => lookUp(client, s, signal)))));
  }
  const missing = recipe.signals.filter((_, i) => found[i] === null).map((s) => ('id' in s ? String(s.id) : s.path));
  if (missing.length) {
    throw new AppError(
      'signals-not-found',
      `Nortech does not know ${missing.length === 1 ? 'this signal' : 'these signals'}: ${missing.join(', ')}.`,
      {
        hint: `Check the signals of the recipe "${recipe.name}".`,
      },
    );
  }
  return found as SelectedSignal[];
}

/** The output folder: a relative one is read from `baseDir` (the recipe file's folder; the app's: its home). */
export const recipeFolder = (recipe: Recipe, baseDir: string) =>
  isAbsolute(recipe.output.folder) ? recipe.output.folder : resolve(baseDir, recipe.output.folder);

/** What the record keeps to run it again: the window as written when it moves with the clock, and the template. */
export function writtenOf(recipe: Recipe): WrittenWindow | undefined {
  const relative = isRelativeTime(recipe.window.start) || isRelativeTime(recipe.window.end);
  return relative ? { window: recipe.window, fileName: recipe.output.fileName } : undefined;
}

export interface RunContext {
  client: Client;
  now: number;
  /** The app's connection, or `cli`. */
  connectionId: string;
  baseDir: string;
  overwrite: boolean;
  signal?: AbortSignal;
}

export async function resolveRecipeRun(recipe: Recipe, ctx: RunContext): Promise<RecipeRun> {
  const window = recipeWindow(recipe, ctx.now);
  const signals = await recipeSignals(ctx.client, recipe, ctx.signal);
  const parsed = ExportRequest.safeParse({
    connectionId: ctx.connectionId,
    signals,
    timeWindow: window,
    format: recipe.format,
    values: recipe.values,
    ...(recipe.derivations ? { derivations: recipe.derivations } : {}),
  });
  if (!parsed.success)
    throw invalid(
      recipe,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  const request = wholeBuckets(parsed.data);
  const nameOf = (template: string) =>
    fileNameFor(template, { start: Date.parse(window.start), end: Date.parse(window.end) }, recipe.window.timeZone);
  const folder = recipeFolder(recipe, ctx.baseDir);
  const written = writtenOf(recipe);
  const periods = recipe.output.conditionsFileName;
  return {
    request,
    file: {
      path: join(folder, nameOf(recipe.output.fileName)),
      format: recipeSaveFormat(recipe),
      text: { timeZone: recipe.window.timeZone, localTimeColumn: recipe.output.localTimeColumn, excelLocale: null },
      overwrite: ctx.overwrite,
      ...(written ? { written } : {}),
    },
    // Beside the data file, its starts in the window's zone as the data's times.
    ...(periods
      ? {
          conditions: {
            path: join(folder, nameOf(periods)),
            format: recipeConditionsFormat(periods),
            text: { timeZone: recipe.window.timeZone, localTimeColumn: false, excelLocale: null },
            overwrite: ctx.overwrite,
          },
        }
      : {}),
  };
}
