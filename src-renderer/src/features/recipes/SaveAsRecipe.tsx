import { useState } from 'react';
import { Recipe, RecipeName, RecipeOutput, RECIPE_KIND, RECIPE_VERSION, type RecipeInput } from '../../../../src-preload/contract/recipes';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { useSaveRecipe } from './api';

/** What the selection gives a recipe: its signals, its window as written, its format and values. */
export type RecipeDraft = Pick<RecipeInput, 'signals' | 'window' | 'format' | 'values' | 'derivations'>;
/** The draft, and what of the selection a recipe cannot keep (said, never dropped). */
export interface SelectionAsRecipe {
  draft: RecipeDraft;
  issues: string[];
}

interface Props {
  connectionId: string;
  /** The selection as it is now. */
  draft(): SelectionAsRecipe;
}

type FieldName = 'name' | 'folder' | 'fileName' | 'conditionsFileName';

/** A file name from the recipe's name: the template has no {name}, so the name is written into it. */
export const defaultFileName = (name: string, format: string) =>
  `${
    name
      .trim()
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'recipe'
  }-{start:yyyy-MM-dd}.${format}`;

const issueOf = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: string) => {
  const r = schema.safeParse(value);
  return r.success ? undefined : (r.error?.issues[0]?.message ?? 'Not valid');
};

/** "Save as recipe": the selection with a name, an output folder and a file-name template, checked with the contract's Recipe as typed. */
export function SaveAsRecipe({ connectionId, draft }: Props) {
  const save = useSaveRecipe();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [folder, setFolder] = useState('recipes');
  const [fileName, setFileName] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [touched, setTouched] = useState<Partial<Record<FieldName, boolean>>>({});
  const shownFileName = fileName ?? defaultFileName(name, open ? (draft().draft.format ?? 'parquet') : 'parquet');
  // A selection with conditions: their periods as a file of their own beside the data file (cleared: none).
  const withConditions = open && !!draft().draft.derivations?.conditions?.length;
  const [periodsName, setPeriodsName] = useState<string | null>(null);
  const shownPeriodsName = periodsName ?? `${shownFileName.replace(/\.[A-Za-z]+$/, '')}-periods.csv`;
  const periodsFile = withConditions && shownPeriodsName.trim() ? shownPeriodsName : undefined;

  const errors: Partial<Record<FieldName, string>> = {
    name: touched.name ? issueOf(RecipeName, name) : undefined,
    folder: touched.folder ? issueOf(RecipeOutput.shape.folder, folder) : undefined,
    fileName: issueOf(RecipeOutput.shape.fileName, shownFileName),
    conditionsFileName: periodsFile === undefined ? undefined : issueOf(RecipeOutput.shape.fileName, periodsFile),
  };

  const submit = async () => {
    setTouched({ name: true, folder: true, fileName: true });
    const selection = draft();
    if (selection.issues.length) return setProblems(selection.issues);
    const input: RecipeInput = {
      kind: RECIPE_KIND,
      version: RECIPE_VERSION,
      name,
      connectionId,
      ...selection.draft,
      output: { folder, fileName: shownFileName, ...(periodsFile ? { conditionsFileName: periodsFile } : {}) },
    };
    const checked = Recipe.safeParse(input);
    if (!checked.success) {
      // Name, folder and file name are shown at their fields; the selection's own problems here.
      setProblems(
        checked.error.issues
          .filter((i) => !['name', 'output'].includes(String(i.path[0])) || i.path[1] === 'conditionsFileName')
          .map((i) => `${i.path.join('.') || 'The recipe'}: ${i.message}`),
      );
      return;
    }
    setProblems([]);
    // A failure is shown below (save.error).
    const stored = await save.mutateAsync({ recipe: checked.data }).catch(() => null);
    if (stored) {
      setSaved(stored.recipe.name);
      setOpen(false);
      setName('');
      setFileName(null);
      setPeriodsName(null);
      setTouched({});
    }
  };

  if (!open) {
    return (
      <div className="button-row">
        <button
          type="button"
          onClick={() => {
            setSaved(null);
            setOpen(true);
          }}
        >
          Save as recipe…
        </button>
        {saved && <span role="status">Saved recipe “{saved}”: schedule it under Recipes.</span>}
      </div>
    );
  }
  return (
    <div className="save-recipe" role="group" aria-label="Save as recipe">
      <Field label="Recipe name" error={errors.name}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            autoFocus
            value={name}
            maxLength={120}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(e) => {
              setName(e.target.value);
              setTouched((t) => ({ ...t, name: true }));
            }}
          />
        )}
      </Field>
      <Field label="Output folder" error={errors.folder}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            value={folder}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            spellCheck={false}
            onChange={(e) => {
              setFolder(e.target.value);
              setTouched((t) => ({ ...t, folder: true }));
            }}
          />
        )}
      </Field>
      <p className="muted">A relative folder is inside the data folder’s exports folder.</p>
      <Field label="File name" error={errors.fileName}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            value={shownFileName}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            spellCheck={false}
            onChange={(e) => setFileName(e.target.value)}
          />
        )}
      </Field>
      <p className="muted">
        {'{start:yyyy-MM-dd}'} is the window’s first day, {'{last:…}'} its last, {'{end:…}'} the instant after it (yyyy MM dd HH mm ss); the
        extension is the saved format.
      </p>
      {withConditions && (
        <Field label="Conditions file name" error={errors.conditionsFileName}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              value={shownPeriodsName}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              spellCheck={false}
              onChange={(e) => setPeriodsName(e.target.value)}
            />
          )}
        </Field>
      )}
      {withConditions && <p className="muted">The conditions’ periods, one row each, beside the data file (leave it empty for none).</p>}
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void submit()}>
          Save recipe
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Back
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="field-error" role="alert" aria-label="The selection cannot be a recipe">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {save.error && <ErrorAlert error={save.error} />}
    </div>
  );
}
