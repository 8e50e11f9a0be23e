import { z } from 'zod';
import { call, Done, NoInput } from './define';
import { OwnId } from './bounds';
import { JobId } from './exports';
import { Recipe } from './recipes';
import { Schedule } from './schedules';
import { OutsideRun } from './run-outside';

/** A recipe kept by the app (`recipes.json` in the data folder). */
export const StoredRecipe = z.object({ id: OwnId, recipe: Recipe, savedAt: z.number() });
export type StoredRecipe = z.infer<typeof StoredRecipe>;

export const RecipeRunOutcome = z.discriminatedUnion('outcome', [
  /** Running as an export job (History shows it, with its file once saved). */
  z.object({ outcome: z.literal('started'), jobId: JobId, path: z.string() }),
  /** The output holds this window already: its export record matches. */
  z.object({ outcome: z.literal('skipped'), path: z.string() }),
]);
export type RecipeRunOutcome = z.infer<typeof RecipeRunOutcome>;

export const recipeCalls = {
  'recipes.list': call('Saved recipes, by name.', NoInput, z.array(StoredRecipe)),
  'recipes.save': call(
    'Save a recipe (a new one without id, else replace it).',
    z.object({ id: OwnId.optional(), recipe: Recipe }),
    StoredRecipe,
  ),
  'recipes.remove': call('Delete a recipe and its schedules.', z.object({ id: OwnId }), Done),
  'recipes.run': call('Run a recipe now, for its window at this instant.', z.object({ id: OwnId }), RecipeRunOutcome),
  'recipes.outside': call(
    "Run outside the app: the recipe written to a file of the data folder, the command line that runs it, and a schedule's cron line, systemd timer and Task Scheduler command.",
    z.object({ id: OwnId, scheduleId: OwnId }),
    OutsideRun.extend({ recipeFile: z.string() }),
  ),
  'schedules.list': call('Schedules, with their last run and failure.', NoInput, z.array(Schedule)),
  'schedules.save': call(
    'Add or change a schedule; runs missed from its creation on are run at once.',
    Schedule.pick({ recipeId: true, rule: true, timeZone: true, enabled: true }).extend({ id: OwnId.optional() }),
    Schedule,
  ),
  'schedules.remove': call('Delete a schedule.', z.object({ id: OwnId }), Done),
};
