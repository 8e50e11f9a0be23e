import { useState } from 'react';
import { ScheduleRule, type Schedule } from '../../../../src-preload/contract/schedules';
import { Field } from '../../ui/Field';
import { useSaveSchedule } from './api';
import { ErrorAlert } from '../../ui/ErrorAlert';

type Kind = ScheduleRule['kind'];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

interface Props {
  recipeId: string;
  /** The recipe window's zone: the schedule's wall clock unless changed. */
  timeZone: string;
  /** The schedule to change; a new one when absent. */
  schedule?: Schedule;
  onDone(): void;
}

/** The rule as typed, before it is checked. */
interface Draft {
  kind: Kind;
  minute: string;
  time: string;
  day: (typeof DAYS)[number];
  monthDay: string;
  expression: string;
}

function ruleOf(d: Draft): unknown {
  switch (d.kind) {
    case 'hourly':
      return { kind: 'hourly', minute: d.minute.trim() === '' ? NaN : Number(d.minute) };
    case 'daily':
      return { kind: 'daily', time: d.time };
    case 'weekly':
      return { kind: 'weekly', day: d.day, time: d.time };
    case 'monthly':
      return { kind: 'monthly', day: d.monthDay === 'last' ? 'last' : Number(d.monthDay), time: d.time };
    case 'cron':
      return { kind: 'cron', expression: d.expression };
  }
}

const NEW_DRAFT: Draft = { kind: 'daily', minute: '0', time: '06:00', day: 'monday', monthDay: '1', expression: '0 6 * * *' };

/** A saved rule as the form shows it (the other kinds' fields keep their defaults). */
function draftOf(rule: ScheduleRule): Draft {
  switch (rule.kind) {
    case 'hourly':
      return { ...NEW_DRAFT, kind: 'hourly', minute: String(rule.minute) };
    case 'daily':
      return { ...NEW_DRAFT, kind: 'daily', time: rule.time };
    case 'weekly':
      return { ...NEW_DRAFT, kind: 'weekly', day: rule.day, time: rule.time };
    case 'monthly':
      return { ...NEW_DRAFT, kind: 'monthly', monthDay: String(rule.day), time: rule.time };
    case 'cron':
      return { ...NEW_DRAFT, kind: 'cron', expression: rule.expression };
  }
}

/** A schedule for a recipe, new or changed: hourly, daily, weekly, monthly or cron, on a zone's wall clock; checked with the contract's rule. */
export function ScheduleEditor({ recipeId, timeZone: recipeZone, schedule, onDone }: Props) {
  const save = useSaveSchedule();
  const [draft, setDraft] = useState<Draft>(() => (schedule ? draftOf(schedule.rule) : NEW_DRAFT));
  const [timeZone, setTimeZone] = useState(schedule?.timeZone ?? recipeZone);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const checked = ScheduleRule.safeParse(ruleOf(draft));
  const issueAt = (key: string) => (checked.success ? undefined : checked.error.issues.find((i) => i.path[0] === key)?.message);

  const submit = async () => {
    if (!checked.success) return;
    const input = { recipeId, rule: checked.data, timeZone, enabled: schedule?.enabled ?? true };
    const done = await save.mutateAsync(schedule ? { ...input, id: schedule.id } : input).catch(() => null);
    if (done) onDone();
  };

  return (
    <div className="schedule-editor" role="group" aria-label={schedule ? 'Edit schedule' : 'New schedule'}>
      <label className="field">
        <span>Repeat</span>
        <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as Kind })}>
          <option value="hourly">Hourly</option>
          <option value="daily">Daily</option>
          <option value="weekly">Weekly</option>
          <option value="monthly">Monthly</option>
          <option value="cron">Cron expression</option>
        </select>
      </label>
      {draft.kind === 'hourly' && (
        <Field label="Minute past the hour" error={issueAt('minute')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              inputMode="numeric"
              value={draft.minute}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => set({ minute: e.target.value })}
            />
          )}
        </Field>
      )}
      {draft.kind === 'weekly' && (
        <label className="field">
          <span>Day of the week</span>
          <select value={draft.day} onChange={(e) => set({ day: e.target.value as Draft['day'] })}>
            {DAYS.map((d) => (
              <option key={d} value={d}>
                {d[0]!.toUpperCase() + d.slice(1)}
              </option>
            ))}
          </select>
        </label>
      )}
      {draft.kind === 'monthly' && (
        <label className="field">
          <span>Day of the month</span>
          <select value={draft.monthDay} onChange={(e) => set({ monthDay: e.target.value })}>
            {Array.from({ length: 28 }, (_, i) => (
              <option key={i} value={String(i + 1)}>
                {i + 1}
              </option>
            ))}
            <option value="last">Last day</option>
          </select>
        </label>
      )}
      {(draft.kind === 'daily' || draft.kind === 'weekly' || draft.kind === 'monthly') && (
        <Field label="At" error={issueAt('time')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              value={draft.time}
              placeholder="06:30"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => set({ time: e.target.value })}
            />
          )}
        </Field>
      )}
      {draft.kind === 'cron' && (
        <Field label="Cron expression" error={issueAt('expression')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              value={draft.expression}
              spellCheck={false}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => set({ expression: e.target.value })}
            />
          )}
        </Field>
      )}
      <label className="field">
        <span>Schedule time zone</span>
        <input value={timeZone} spellCheck={false} onChange={(e) => setTimeZone(e.target.value)} />
      </label>
      <div className="button-row">
        <button type="button" className="primary" disabled={!checked.success} onClick={() => void submit()}>
          Save schedule
        </button>
        <button type="button" onClick={onDone}>
          Back
        </button>
      </div>
      {save.error && <ErrorAlert error={save.error} />}
    </div>
  );
}
