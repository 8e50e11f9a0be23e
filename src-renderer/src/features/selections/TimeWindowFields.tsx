import { useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { allTimeZones, formatWallTime } from '../../lib/zoned-time';
import { useNow } from '../../lib/use-now';
import { useWeekStart } from '../../lib/week-start';
import { Field } from '../../ui/Field';
import type { SelectionValues } from './form-schema';
import { QUICK_RANGES } from '../../../../src-preload/contract/quick-ranges';
import { activeQuickRange, describeWindow, QUICK_RANGE_GROUPS, resolveTime } from './time-window';

/**
 * Grafana's time picker, flattened: its quick ranges in one list (each writes its expressions,
 * so "Yesterday" stays yesterday), Start and End that take the time language or a date in the
 * chosen zone, and a sentence saying which window that is, as it is typed.
 */
export function TimeWindowFields() {
  const { register, setValue, getValues, formState, control } = useFormContext<SelectionValues>();
  const window = useWatch({ control, name: 'window' });
  const zones = useMemo(() => allTimeZones(), []);
  const now = useNow();
  const weekStart = useWeekStart();
  const errors = formState.errors.window;
  const set = (start: string, end: string) => {
    setValue('window.start', start, { shouldValidate: true, shouldDirty: true });
    setValue('window.end', end, { shouldValidate: true, shouldDirty: true });
  };
  // Changing the zone keeps the instant of a plain absolute time, rewriting it in the new zone;
  // expressions (now/d, 2026-11-01||+1M) stay as written and are read in the new zone.
  const changeZone = (zone: string) => {
    const { start, end, timeZone } = getValues('window');
    const rewrite = (text: string) => {
      const r = resolveTime(text, timeZone, Date.now(), weekStart);
      return r.ok && r.plain ? formatWallTime(r.ms, zone) : text;
    };
    setValue('window.timeZone', zone, { shouldDirty: true });
    set(rewrite(start), rewrite(end));
  };
  const active = window ? activeQuickRange(window) : undefined;

  return (
    <fieldset className="time-window">
      <legend>Time window</legend>
      <label className="field quick-range">
        <span>Quick range</span>
        <select
          value={active?.label ?? ''}
          onChange={(e) => {
            const q = QUICK_RANGES.find((r) => r.label === e.target.value);
            if (q) set(q.start, q.end);
          }}
        >
          <option value="">Custom: as typed below</option>
          {QUICK_RANGE_GROUPS.map(({ group, ranges }) => (
            <optgroup key={group} label={group === 'Relative' ? 'Last …' : group}>
              {ranges.map((q) => (
                <option key={q.label} value={q.label}>
                  {q.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <div className="window-inputs">
        <Field label="Start" error={errors?.start?.message} hintId="window-hint">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              {...register('window.start', { deps: 'window.end' })}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              spellCheck={false}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="End" error={errors?.end?.message} hintId="window-hint">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              {...register('window.end', { deps: 'window.start' })}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              spellCheck={false}
              autoComplete="off"
            />
          )}
        </Field>
        <label className="field">
          <span>Time zone</span>
          <select value={window?.timeZone ?? 'local'} onChange={(e) => changeZone(e.target.value)}>
            <option value="local">Local ({Intl.DateTimeFormat().resolvedOptions().timeZone})</option>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id="window-hint" className="muted small">
        Write <code>now-6h</code>, <code>now/d</code>, <code>now-1d/d</code>, a date like 2026-11-26 08:00 (in the time zone below) or{' '}
        <code>2026-11-01||+1M/d</code>. Units: s m h d w M y (M months).
      </p>
      <details className="time-help small">
        <summary>How times are read</summary>
        <p>
          Steps of days, weeks, months and years follow the calendar of the time zone: a day across a daylight-saving change is 23 or 25
          hours, and a month before 31 March is the last day of February. <code>/d</code> rounds to the start of the day, anywhere in the
          expression (<code>now/w+8h</code> is 08:00 on the first day of the week, set in Settings). In End, rounding goes to the end of the
          unit, so Start and End both <code>now-1d/d</code> is all of yesterday. The window holds every instant from Start up to, not
          including, End: a rounded End is the first instant of the next unit (Grafana shows it as 23:59:59.999).
        </p>
      </details>
      <p className="window-summary" aria-live="polite" data-testid="window-summary">
        {window ? describeWindow(window, now, weekStart) : ''}
      </p>
    </fieldset>
  );
}
