import { z } from 'zod';
import { AggregateFn, AggregationTimeZone, Interval } from './aggregation';
import { IanaTimeZone, LIMITS, oneLine } from './bounds';
import { ColumnName } from './column-name';
import { SaveFormat } from './exports';
import { WeekStart } from './time-calendar';
import { templateIssue } from './recipe-template';
import { Derivations } from './derive';

/*
 * A recipe: one export saved to be run again, as one versioned JSON file. Its window is written in
 * the time language (time-expressions.ts), so "Yesterday" is yesterday whenever it runs; its file
 * name is a template of the window's dates (recipe-template.ts). Every object is strict: a field
 * this version does not know (a typo, or a newer app's) is refused by name rather than dropped,
 * and a version other than 1 is refused before anything else is read (readRecipe). A later field
 * (derived signals, conditions) is one optional entry in RECIPE_FIELDS.
 */

export const RECIPE_KIND = 'signal-explorer-recipe';
export const RECIPE_VERSION = 1;

const SignalPath = oneLine(5 * LIMITS.name + 4).refine(
  (p) => {
    const parts = p.split('/');
    return parts.length === 5 && parts.every((x) => x.trim().length > 0);
  },
  { message: "Expected 'Workspace/Asset/Division/Unit/Signal' (five non-empty names)" },
);

/** A signal by its ID or by its path, with the column it gets (by default its ID, or its name). */
export const RecipeSignal = z.union([
  z.strictObject({ id: z.number().int().positive(), column: ColumnName.optional() }),
  z.strictObject({ path: SignalPath, column: ColumnName.optional() }),
]);
export type RecipeSignal = z.infer<typeof RecipeSignal>;

/** The window as written: expressions read at each run's `now`, in `timeZone`, weeks from `weekStart`. */
export const RecipeWindow = z.strictObject({
  start: oneLine(LIMITS.timeText).trim().min(1, 'Enter a start'),
  end: oneLine(LIMITS.timeText).trim().min(1, 'Enter an end').default('now'),
  timeZone: IanaTimeZone.default('UTC'),
  weekStart: WeekStart.default('monday'),
});
export type RecipeWindow = z.infer<typeof RecipeWindow>;

/** The values, as the export request's (aggregation.ts), strict. */
export const RecipeValues = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('raw') }),
  z.strictObject({
    kind: z.literal('every'),
    interval: Interval,
    fns: z
      .array(AggregateFn)
      .min(1, 'Pick at least one function')
      .refine((fns) => new Set(fns).size === fns.length, 'Each function at most once'),
    timeZone: AggregationTimeZone,
  }),
]);

/** A file-name template: `press-{start:yyyy-MM-dd}.parquet`, its extension the saved format. */
const FileNameTemplate = oneLine(255).superRefine((t, ctx) => {
  const issue = templateIssue(t);
  if (issue) ctx.addIssue({ code: 'custom', message: issue });
});

export const RecipeOutput = z.strictObject({
  /** The folder the file goes to; relative to the recipe file's own folder when not absolute. */
  folder: oneLine(LIMITS.path).min(1, 'Name the output folder'),
  /** `press-{start:yyyy-MM-dd}.parquet`: its extension is the saved format. */
  fileName: FileNameTemplate,
  /**
   * The conditions' periods as a file of their own beside the data file (`--conditions-output`),
   * `press-{start:yyyy-MM-dd}-periods.csv`: its extension is its format. Added in version 1 as an
   * optional field, so recipes written before it read as they were.
   */
  conditionsFileName: FileNameTemplate.optional(),
  /** csv/json: a column with the wall-clock time in the window's zone. */
  localTimeColumn: z.boolean().default(false),
});

/** What an export record keeps of a relative window (`written`): the window as written and the file-name template. */
export const WrittenWindow = z.object({ window: RecipeWindow, fileName: RecipeOutput.shape.fileName.optional() });
export type WrittenWindow = z.infer<typeof WrittenWindow>;

export const RecipeName = oneLine(120).trim().min(1, 'Give the recipe a name');

/** The fields of version 1; a later optional field is one line here. */
export const RECIPE_FIELDS = {
  kind: z.literal(RECIPE_KIND),
  version: z.literal(RECIPE_VERSION),
  name: RecipeName,
  /** The app's connection it runs against; the command line uses NORTECH_API_URL / NORTECH_API_KEY. */
  connectionId: oneLine(LIMITS.id).min(1).optional(),
  signals: z.array(RecipeSignal).min(1, 'Name at least one signal').max(LIMITS.signals),
  window: RecipeWindow,
  /** What Nortech is asked for (the saved format is the file name's extension). */
  format: z.enum(['parquet', 'csv', 'json']).default('parquet'),
  values: RecipeValues.default({ kind: 'raw' }),
  output: RecipeOutput,
  /** Derived signals and conditions, as the export request's (derive/derivations.ts). */
  derivations: Derivations.optional(),
};

export const Recipe = z.strictObject(RECIPE_FIELDS).superRefine((r, ctx) => {
  const periods = r.output.conditionsFileName;
  if (periods === undefined) return;
  const path = ['output', 'conditionsFileName'];
  if (!r.derivations?.conditions.length)
    ctx.addIssue({ code: 'custom', path, message: 'A conditions file needs a condition: add one, or leave the file out' });
  else if (periods === r.output.fileName) ctx.addIssue({ code: 'custom', path, message: 'The conditions file needs a name of its own' });
});
export type Recipe = z.infer<typeof Recipe>;
/** A recipe as written (defaults not yet applied). */
export type RecipeInput = z.input<typeof Recipe>;

/** The saved format: the file name's extension. */
export const recipeSaveFormat = (r: Pick<Recipe, 'output'>): SaveFormat =>
  SaveFormat.parse(r.output.fileName.slice(r.output.fileName.lastIndexOf('.') + 1).toLowerCase());

/** The conditions file's format: its name's extension. */
export const recipeConditionsFormat = (fileName: string): SaveFormat =>
  SaveFormat.parse(fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase());

const where = (path: PropertyKey[]) => (path.length ? path.join('.') : 'the recipe');

/** What zod found, said for a person: an unknown field by its name and place. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `${where(issue.path)}: unknown field${issue.keys.length > 1 ? 's' : ''} ${keys} (a recipe of version ${RECIPE_VERSION} has no such field)`;
  }
  return `${where(issue.path)}: ${issue.message}`;
}

export type RecipeRead = { ok: true; recipe: Recipe } | { ok: false; issues: string[] };

/** Reads a recipe from parsed JSON: the kind and version first (an unknown version is named as such), then every field strictly. */
export function readRecipe(data: unknown): RecipeRead {
  const head = z.object({ kind: z.unknown(), version: z.unknown() }).safeParse(data);
  if (!head.success) return { ok: false, issues: ['a recipe is a JSON object'] };
  if (head.data.kind !== RECIPE_KIND) return { ok: false, issues: [`kind: expected "${RECIPE_KIND}" (is this a recipe?)`] };
  if (head.data.version !== RECIPE_VERSION) {
    return {
      ok: false,
      issues: [`version: ${JSON.stringify(head.data.version)} is not a recipe version this app reads (it reads version ${RECIPE_VERSION})`],
    };
  }
  const parsed = Recipe.safeParse(data);
  return parsed.success ? { ok: true, recipe: parsed.data } : { ok: false, issues: parsed.error.issues.map(describeIssue) };
}
