import { useFormContext, useWatch, type UseFieldArrayReturn } from 'react-hook-form';
import type { SelectionValues } from './form-schema';
import { columnNameIssues } from './form-schema';

/** The selection's signals as react-hook-form's field array (`fieldKey`, not `id`: a signal has an `id` of its own). */
export type SignalFields = UseFieldArrayReturn<SelectionValues, 'signals', 'fieldKey'>;

interface Props {
  fields: SignalFields;
  /** Signals the API said do not exist, marked until the next export. */
  missing: ReadonlySet<number>;
}

/** The picked signals in file column order, each with its column name checked as it is typed. */
export function SelectedSignalsList({ fields, missing }: Props) {
  const { register, formState, control } = useFormContext<SelectionValues>();
  const signals = useWatch({ control, name: 'signals' }) ?? [];
  const issues = columnNameIssues(signals.map((s) => s?.rename ?? ''));
  const listError = formState.errors.signals?.root?.message ?? formState.errors.signals?.message;

  if (fields.fields.length === 0) {
    return (
      <>
        <p className="empty">No signals selected. Add signals from the tree to export them.</p>
        {listError && (
          <p className="field-error" role="alert">
            {listError}
          </p>
        )}
      </>
    );
  }
  return (
    <ul className="selected-list" aria-label="Selected signals">
      {fields.fields.map((field, i) => {
        const issue = issues[i] ?? formState.errors.signals?.[i]?.rename?.message ?? null;
        const isMissing = missing.has(field.id);
        const errorId = `rename-error-${field.fieldKey}`;
        return (
          <li key={field.fieldKey} className={isMissing ? 'missing' : undefined} aria-label={field.name}>
            <div className="selected-head">
              <span className="selected-name">{field.name}</span>
              <span className="muted">
                {field.physicalUnit && `${field.physicalUnit} · `}
                {field.asset.name} › {field.unit.name}
              </span>
              {isMissing && (
                <span className="badge danger" role="alert">
                  Not found by the API: remove it or pick it again
                </span>
              )}
            </div>
            <div className="selected-controls">
              <input
                {...register(`signals.${i}.rename` as const)}
                aria-label={`Column name for ${field.name}`}
                aria-invalid={!!issue}
                aria-describedby={issue ? errorId : undefined}
                maxLength={200}
                spellCheck={false}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${field.name} up`}
                disabled={i === 0}
                onClick={() => fields.move(i, i - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${field.name} down`}
                disabled={i === fields.fields.length - 1}
                onClick={() => fields.move(i, i + 1)}
              >
                ↓
              </button>
              <button type="button" className="icon-button" aria-label={`Remove ${field.name}`} onClick={() => fields.remove(i)}>
                ×
              </button>
            </div>
            {issue && (
              <span id={errorId} className="field-error" role="alert">
                {issue}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
