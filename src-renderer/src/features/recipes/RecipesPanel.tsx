import { useState } from 'react';
import type { StoredRecipe } from '../../../../src-preload/contract';
import type { Schedule } from '../../../../src-preload/contract/schedules';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useRecipes, useRemoveRecipe, useRemoveSchedule, useRunRecipe, useSaveSchedule, useSchedules } from './api';
import { RecipeEditor } from './RecipeEditor';
import { describeRule } from './describe-rule';
import { RunOutside } from './RunOutside';
import { ScheduleEditor } from './ScheduleEditor';

const when = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);

function ScheduleRow({ schedule, recipeId }: { schedule: Schedule; recipeId: string }) {
  const remove = useRemoveSchedule();
  const save = useSaveSchedule();
  const [outside, setOutside] = useState(false);
  const [editing, setEditing] = useState(false);
  const rule = describeRule(schedule.rule);
  // Paused or resumed as it is; a resume does not run the paused time (its runs count from then).
  const setEnabled = (enabled: boolean) =>
    save.mutate({ id: schedule.id, recipeId, rule: schedule.rule, timeZone: schedule.timeZone, enabled });
  return (
    <li aria-label={`Schedule ${rule}`}>
      <div className="button-row">
        <span>
          {rule} ({schedule.timeZone})
        </span>
        {!schedule.enabled && <span className="badge">Paused</span>}
        <span className="muted">
          {schedule.lastRunAt === null ? 'Not run yet' : `Last run for ${when(schedule.lastRunAt, schedule.timeZone)}`}
        </span>
        {schedule.lastError && (
          <span className="badge danger" role="alert">
            Last run failed: {schedule.lastError}
          </span>
        )}
        <button type="button" onClick={() => setEditing(true)} disabled={editing}>
          Edit schedule…
        </button>
        <button type="button" onClick={() => setEnabled(!schedule.enabled)} disabled={save.isPending}>
          {schedule.enabled ? 'Pause' : 'Resume'}
        </button>
        <button type="button" aria-expanded={outside} onClick={() => setOutside(!outside)}>
          Run outside the app
        </button>
        <button type="button" onClick={() => remove.mutate(schedule.id)}>
          Delete schedule
        </button>
      </div>
      {editing && <ScheduleEditor recipeId={recipeId} timeZone={schedule.timeZone} schedule={schedule} onDone={() => setEditing(false)} />}
      {outside && <RunOutside recipeId={recipeId} scheduleId={schedule.id} />}
      {(remove.error ?? save.error) && <ErrorAlert error={remove.error ?? save.error} />}
    </li>
  );
}

function RecipeItem({ stored, schedules }: { stored: StoredRecipe; schedules: Schedule[] }) {
  const run = useRunRecipe();
  const remove = useRemoveRecipe();
  const [editing, setEditing] = useState(false);
  const [changing, setChanging] = useState(false);
  const { recipe } = stored;
  return (
    <li className="recipe" aria-label={recipe.name}>
      <div className="selected-head">
        <strong>{recipe.name}</strong>
        <span className="muted">
          {recipe.window.start} → {recipe.window.end} ({recipe.window.timeZone}) · {recipe.signals.length} signal
          {recipe.signals.length === 1 ? '' : 's'} · {recipe.output.folder}/{recipe.output.fileName}
        </span>
      </div>
      <div className="button-row">
        <button type="button" onClick={() => run.mutate(stored.id)} disabled={run.isPending}>
          Run now
        </button>
        <button type="button" onClick={() => setChanging(true)} disabled={changing}>
          Edit recipe…
        </button>
        <button type="button" onClick={() => setEditing(true)} disabled={editing}>
          Add schedule…
        </button>
        <button type="button" onClick={() => remove.mutate(stored.id)}>
          Delete recipe
        </button>
        {run.data && (
          <span role="status">
            {run.data.outcome === 'started' ? `Running: History shows it; the file is ${run.data.path}` : `Already saved: ${run.data.path}`}
          </span>
        )}
      </div>
      {changing && <RecipeEditor stored={stored} onDone={() => setChanging(false)} />}
      {editing && <ScheduleEditor recipeId={stored.id} timeZone={recipe.window.timeZone} onDone={() => setEditing(false)} />}
      {schedules.length > 0 && (
        <ul aria-label={`Schedules of ${recipe.name}`}>
          {schedules.map((s) => (
            <ScheduleRow key={s.id} schedule={s} recipeId={stored.id} />
          ))}
        </ul>
      )}
      {(run.error ?? remove.error) && <ErrorAlert error={run.error ?? remove.error} />}
    </li>
  );
}

/** The app's recipes: run one now, delete it, schedule it, and see how its schedules' last runs went. */
export function RecipesPanel() {
  const recipes = useRecipes();
  const schedules = useSchedules();
  const list = recipes.data ?? [];
  if (recipes.error) return <ErrorAlert error={recipes.error} />;
  if (!recipes.data) return <p role="status">Loading recipes…</p>;
  if (list.length === 0) return <p className="empty">No recipes yet. Make one from the selection with “Save as recipe…”.</p>;
  return (
    <>
      {schedules.error && <ErrorAlert error={schedules.error} title="The schedules could not be read." />}
      <ul className="recipe-list" aria-label="Recipes">
        {list.map((r) => (
          <RecipeItem key={r.id} stored={r} schedules={(schedules.data ?? []).filter((s) => s.recipeId === r.id)} />
        ))}
      </ul>
    </>
  );
}
