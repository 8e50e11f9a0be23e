import { useId } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { AggregateFn, COMMON_INTERVALS, describeFns, describeInterval, describeValues } from '../../../../src-preload/contract';
import type { SelectionValues } from './form-schema';
import { toValues } from './values-form';

const FN_LABELS = AggregateFn.options.map((fn) => {
  const word = describeFns([fn]);
  return { fn, label: word[0]!.toUpperCase() + word.slice(1) };
});

/**
 * What the export holds: the raw rows, or one row per interval with the chosen functions (computed
 * as the data streams), buckets on the wall clock of the window's zone. Checked as it is typed.
 */
export function ValuesField() {
  const { register, formState, control } = useFormContext<SelectionValues>();
  const values = useWatch({ control, name: 'values' });
  const zone = useWatch({ control, name: 'window.timeZone' }) ?? 'local';
  const ids = { interval: useId(), list: useId(), intervalError: useId(), fnsError: useId(), summary: useId() };
  const errors = formState.errors.values;
  const intervalError = errors?.interval?.message;
  const fnsError = errors?.fns?.message ?? errors?.fns?.root?.message;
  const every = values?.kind === 'every';
  const fns = values?.fns ?? [];
  const kind = register('values.kind', { deps: ['values.interval', 'values.fns'] });
  const summary = every && !intervalError && !fnsError && fns.length ? describeValues(toValues({ ...values, fns }, zone)) : null;

  return (
    <fieldset className="values-field">
      <legend>Values</legend>
      <div className="radio-row">
        <label className="check">
          <input type="radio" value="raw" {...kind} />
          Raw values
        </label>
        <label className="check">
          <input type="radio" value="every" {...kind} />
          One row every interval
        </label>
      </div>
      {every && (
        <>
          <div className="field">
            <label htmlFor={ids.interval}>Interval</label>
            <input
              id={ids.interval}
              list={ids.list}
              {...register('values.interval')}
              aria-invalid={!!intervalError}
              aria-describedby={intervalError ? ids.intervalError : undefined}
              spellCheck={false}
              autoComplete="off"
              placeholder="1h"
            />
            <datalist id={ids.list}>
              {COMMON_INTERVALS.map((i) => (
                <option key={i} value={i}>
                  {describeInterval(i)}
                </option>
              ))}
            </datalist>
            {intervalError && (
              <span id={ids.intervalError} className="field-error" role="alert">
                {intervalError}
              </span>
            )}
          </div>
          <div role="group" aria-label="Functions" aria-describedby={fnsError ? ids.fnsError : undefined} className="fn-group">
            {FN_LABELS.map(({ fn, label }) => (
              <label key={fn} className="check">
                <input type="checkbox" value={fn} {...register('values.fns')} />
                {label}
              </label>
            ))}
          </div>
          {fnsError && (
            <span id={ids.fnsError} className="field-error" role="alert">
              {fnsError}
            </span>
          )}
          <p className="muted small" data-testid="values-summary">
            {summary ?? `Buckets start on the wall clock of the window's time zone.`}
          </p>
        </>
      )}
    </fieldset>
  );
}
