import { useState } from 'react';
import type { StoredRecipe } from '../../../../src-preload/contract';
import { Recipe, type RecipeInput } from '../../../../src-preload/contract/recipes';
import { resolveWindow } from '../../../../src-preload/contract/time-expressions';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { useSaveRecipe } from './api';

interface Props {
  stored: StoredRecipe;
  onDone(): void;
}

type FieldName = 'name' | 'start' | 'end' | 'timeZone' | 'folder' | 'fileName';

/** Where a zod issue of the whole recipe is shown. */
function fieldOf(path: PropertyKey[]): FieldName | null {
  const [head, sub] = path.map(String);
  if (head === 'name') return 'name';
  if (head === 'window' && (sub === 'start' || sub === 'end' || sub === 'timeZone')) return sub;
  if (head === 'output' && (sub === 'folder' || sub === 'fileName')) return sub;
  return null;
}

/**
 * A saved recipe changed in place: its name, its window as written (read at each run, so checked here
 * against now) and where its file goes. The signals, values and derivations are the selection's: to
 * change those, load them, change the selection and save it as a recipe again. The recipe keeps its
 * ID, so its schedules stay.
 */
export function RecipeEditor({ stored, onDone }: Props) {
  const save = useSaveRecipe();
  const { recipe } = stored;
  const [values, setValues] = useState<Record<FieldName, string>>({
    name: recipe.name,
    start: recipe.window.start,
    end: recipe.window.end,
    timeZone: recipe.window.timeZone,
    folder: recipe.output.folder,
    fileName: recipe.output.fileName,
  });
  // Relative expressions are checked against the instant the form opened.
  const [openedAt] = useState(() => Date.now());
  const set = (name: FieldName, value: string) => setValues((v) => ({ ...v, [name]: value }));

  const input: RecipeInput = {
    ...recipe,
    name: values.name,
    window: { ...recipe.window, start: values.start, end: values.end, timeZone: values.timeZone },
    output: { ...recipe.output, folder: values.folder, fileName: values.fileName },
  };
  const checked = Recipe.safeParse(input);
  const errors: Partial<Record<FieldName, string>> = {};
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const at = fieldOf(issue.path);
      if (at) errors[at] ??= issue.message;
    }
  } else {
    const window = resolveWindow(checked.data.window, openedAt);
    if (!window.ok) for (const issue of window.issues) errors[issue.path] ??= issue.message;
  }
  const valid = Object.keys(errors).length === 0 && checked.success;
  // Anything else the schema refuses (not one of these fields) is said below the form.
  const other = checked.success ? [] : checked.error.issues.filter((i) => fieldOf(i.path) === null);

  const submit = async () => {
    if (!valid || !checked.success) return;
    const done = await save.mutateAsync({ id: stored.id, recipe: checked.data }).catch(() => null);
    if (done) onDone();
  };

  const text = (name: FieldName, label: string, extra: { spellCheck?: boolean; maxLength?: number } = {}) => (
    <Field label={label} error={errors[name]}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          value={values[name]}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => set(name, e.target.value)}
          {...extra}
        />
      )}
    </Field>
  );

  return (
    <div className="save-recipe" role="group" aria-label="Edit recipe">
      {text('name', 'Recipe name', { maxLength: 120 })}
      {text('start', 'Start', { spellCheck: false })}
      {text('end', 'End', { spellCheck: false })}
      {text('timeZone', 'Time zone', { spellCheck: false })}
      {text('folder', 'Output folder', { spellCheck: false })}
      {text('fileName', 'File name', { spellCheck: false })}
      <p className="muted">
        The window is read at each run; {'{start:yyyy-MM-dd}'} in the file name is its first day. Signals and values are changed by saving
        the selection as a recipe again.
      </p>
      <div className="button-row">
        <button type="button" className="primary" disabled={!valid} onClick={() => void submit()}>
          Save changes
        </button>
        <button type="button" onClick={onDone}>
          Back
        </button>
      </div>
      {other.length > 0 && (
        <ul className="field-error" role="alert" aria-label="The recipe cannot be saved">
          {other.map((i) => (
            <li key={`${i.path.join('.')}:${i.message}`}>{`${i.path.join('.') || 'The recipe'}: ${i.message}`}</li>
          ))}
        </ul>
      )}
      {save.error && <ErrorAlert error={save.error} />}
    </div>
  );
}
