import { useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { allTimeZones, formatWallTime } from '../../lib/zoned-time';
import { useNow } from '../../lib/use-now';
import { Field } from '../../ui/Field';
import type { SelectionValues } from './form-schema';
import { activeQuickRange, describeWindow, QUICK_RANGES, resolveTime } from './time-window';

/**
 * Grafana's time picker, flattened: quick ranges, Start and End that take `now-6h` or a date in the
 * chosen zone, and a sentence saying which window that is.
 */
export function TimeWindowFields() {
  const { register, setValue, getValues, formState, control } = useFormContext<SelectionValues>();
  const window = useWatch({ control, name: 'window' });
  const zones = useMemo(() => allTimeZones(), []);
  const now = useNow();
  const errors = formState.errors.window;
  const set = (start: string, end: string) => {
    setValue('window.start', start, { shouldValidate: true, shouldDirty: true });
    setValue('window.end', end, { shouldValidate: true, shouldDirty: true });
  };
  // Changing the zone keeps absolute times at the same wall-clock digits only if the user wants;
  // we keep the instant instead, rewriting absolute inputs in the new zone.
  const changeZone = (zone: string) => {
    const { start, end, timeZone } = getValues('window');
    const now = Date.now();
    const rewrite = (text: string) => {
      const r = resolveTime(text, timeZone, now);
      return r.ok && !r.relative ? formatWallTime(r.ms, zone) : text;
    };
    setValue('window.timeZone', zone, { shouldDirty: true });
    set(rewrite(start), rewrite(end));
  };
  const active = window ? activeQuickRange(window, now) : undefined;

  return (
    <fieldset className="time-window">
      <legend>Time window</legend>
      <div className="quick-ranges" role="group" aria-label="Quick ranges">
        {QUICK_RANGES.map((q) => (
          <button
            key={q.label}
            type="button"
            aria-pressed={active === q}
            onClick={() => {
              const t = q.texts(Date.now(), getValues('window.timeZone'));
              set(t.start, t.end);
            }}
          >
            {q.label}
          </button>
        ))}
      </div>
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
        Write <code>now-6h</code>, <code>now-7d</code>, <code>now-2d+6h</code> or a date like 2026-11-26 08:00 (in the time zone below).
      </p>
      <p className="window-summary" aria-live="polite" data-testid="window-summary">
        {window ? describeWindow(window, now) : ''}
      </p>
    </fieldset>
  );
}
