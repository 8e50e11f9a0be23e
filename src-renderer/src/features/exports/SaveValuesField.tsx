import { useId } from 'react';
import { AggregateFn, describeInterval, describeValues, type Values } from '../../../../src-preload/contract';
import type { AggregationIssue } from '../../lib/aggregation-check';
import { IntervalFunctions } from '../../ui/IntervalFunctions';

export type SaveValuesChoice = { choice: 'export' | 'raw' | 'every'; interval: string; fns: AggregateFn[] };

interface Props {
  exported: Values;
  value: SaveValuesChoice;
  onChange(value: SaveValuesChoice): void;
  issues: AggregationIssue[];
  /** Excel's row limit, where the values chosen would not fit a sheet: its words, and the interval that would. */
  limit: { message: string; interval: string | null } | null;
}

const FNS = AggregateFn.options;

/** Save…'s values: as the export holds them, the raw rows, or every interval with functions (the raw rows are kept, so any works). */
export function SaveValuesField({ exported, value, onChange, issues, limit }: Props) {
  const limitId = useId();
  const set = (change: Partial<SaveValuesChoice>) => onChange({ ...value, ...change });
  const intervalError = issues.find((i) => i.path === 'interval')?.message;
  const fnsError = issues.find((i) => i.path === 'fns')?.message;
  const toggle = (fn: AggregateFn, on: boolean) =>
    set({ fns: on ? FNS.filter((f) => f === fn || value.fns.includes(f)) : value.fns.filter((f) => f !== fn) });
  return (
    <fieldset className="values-field" aria-describedby={limit ? limitId : undefined}>
      <legend>Values</legend>
      <label className="check">
        <input type="radio" name="save-values" checked={value.choice === 'export'} onChange={() => set({ choice: 'export' })} />
        As exported ({describeValues(exported).replace(/^./, (c) => c.toLowerCase())})
      </label>
      {exported.kind === 'every' && (
        <label className="check">
          <input type="radio" name="save-values" checked={value.choice === 'raw'} onChange={() => set({ choice: 'raw' })} />
          Raw values
        </label>
      )}
      <label className="check">
        <input type="radio" name="save-values" checked={value.choice === 'every'} onChange={() => set({ choice: 'every' })} />
        {exported.kind === 'every' ? 'Another interval' : 'One row every interval'}
      </label>
      {value.choice === 'every' && (
        <IntervalFunctions
          interval={{ value: value.interval, onChange: (e) => set({ interval: e.target.value }) }}
          intervalError={intervalError}
          fn={(fn) => ({ checked: value.fns.includes(fn), onChange: (e) => toggle(fn, e.target.checked) })}
          fnsError={fnsError}
        />
      )}
      {limit && (
        <div id={limitId} className="alert" role="alert" data-testid="excel-limit">
          <span>{limit.message}</span>
          {limit.interval && (
            <div className="alert-actions">
              <button
                type="button"
                onClick={() => onChange({ choice: 'every', interval: limit.interval!, fns: value.fns.length ? value.fns : ['mean'] })}
              >
                Use every {describeInterval(limit.interval)}
              </button>
            </div>
          )}
        </div>
      )}
    </fieldset>
  );
}
