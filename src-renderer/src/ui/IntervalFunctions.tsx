import { useId, type ComponentProps } from 'react';
import { AggregateFn, COMMON_INTERVALS, describeFns, describeInterval } from '../../../src-preload/contract';
import { Field } from './Field';

type InputProps = ComponentProps<'input'>;

const FN_LABELS = AggregateFn.options.map((fn) => {
  const word = describeFns([fn]);
  return { fn, label: word[0]!.toUpperCase() + word.slice(1) };
});

interface Props {
  /** The interval's input: a registered field, or its value and onChange. */
  interval: InputProps;
  intervalError?: string;
  /** Each function's checkbox, likewise. */
  fn(fn: AggregateFn): InputProps;
  fnsError?: string;
}

/**
 * The interval of an aggregation (typed, or picked from the common ones) and its functions, each
 * with its problem beside it: the export form's values and Save…'s.
 */
export function IntervalFunctions({ interval, intervalError, fn, fnsError }: Props) {
  const list = useId();
  const fnsErrorId = useId();
  return (
    <>
      <Field label="Interval" error={intervalError}>
        {({ id, describedBy, invalid }) => (
          <>
            <input
              id={id}
              list={list}
              {...interval}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              spellCheck={false}
              autoComplete="off"
            />
            <datalist id={list}>
              {COMMON_INTERVALS.map((i) => (
                <option key={i} value={i}>
                  {describeInterval(i)}
                </option>
              ))}
            </datalist>
          </>
        )}
      </Field>
      <div role="group" aria-label="Functions" className="fn-group" aria-describedby={fnsError ? fnsErrorId : undefined}>
        {FN_LABELS.map(({ fn: f, label }) => (
          <label key={f} className="check">
            <input type="checkbox" {...fn(f)} />
            {label}
          </label>
        ))}
      </div>
      {fnsError && (
        <span id={fnsErrorId} className="field-error" role="alert">
          {fnsError}
        </span>
      )}
    </>
  );
}
