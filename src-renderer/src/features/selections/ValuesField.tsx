import { useFormContext, useWatch } from 'react-hook-form';
import { describeValues } from '../../../../src-preload/contract';
import { IntervalFunctions } from '../../ui/IntervalFunctions';
import type { SelectionValues } from './form-schema';
import { toValues } from './values-form';

/**
 * What the export holds: the raw rows, or one row per interval with the chosen functions (computed
 * as the data streams), buckets on the wall clock of the window's zone. Checked as it is typed.
 */
export function ValuesField() {
  const { register, formState, control } = useFormContext<SelectionValues>();
  const values = useWatch({ control, name: 'values' });
  const zone = useWatch({ control, name: 'window.timeZone' }) ?? 'local';
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
          <IntervalFunctions
            interval={{ ...register('values.interval'), placeholder: '1h' }}
            intervalError={intervalError}
            fn={(fn) => ({ value: fn, ...register('values.fns') })}
            fnsError={fnsError}
          />
          <p className="muted small" data-testid="values-summary">
            {summary ?? `Buckets start on the wall clock of the window's time zone.`}
          </p>
        </>
      )}
    </fieldset>
  );
}
