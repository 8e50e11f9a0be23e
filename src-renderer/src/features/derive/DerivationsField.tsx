import { useId, useMemo } from 'react';
import {
  planDerivations,
  type Condition,
  type DeriveColumn,
  type DerivationIssue,
  type DerivedSignal,
  type Derivations,
} from '../../../../src-preload/contract/derive';
import { DeriveInput } from './DeriveInput';

/*
 * Derived signals (a column from an expression: `rolling_mean(temp, 10m)`) and conditions (the
 * periods when `temp > 80 for >= 5m`), typed under the picked signals. Checked as they are typed by
 * the contract's own parser and checks (the main process runs the same), each issue under its
 * field with the place it points at.
 */

interface Props {
  value: Derivations;
  onChange(next: Derivations): void;
  /** The picked signals' columns, which an expression may read. */
  columns: DeriveColumn[];
}

const issuesAt = (issues: readonly DerivationIssue[], list: string, i: number, field: string) =>
  issues.filter((x) => x.path[0] === list && x.path[1] === i && x.path[2] === field);

export function DerivationsField({ value, onChange, columns }: Props) {
  const id = useId();
  const issues = useMemo(() => {
    const planned = planDerivations(columns, value);
    return planned.ok ? [] : planned.issues;
  }, [columns, value]);
  const setDerived = (i: number, next: Partial<DerivedSignal> | null) =>
    onChange({
      ...value,
      derived: next === null ? value.derived.filter((_, j) => j !== i) : value.derived.map((d, j) => (j === i ? { ...d, ...next } : d)),
    });
  const setCondition = (i: number, next: Partial<Condition> | null) =>
    onChange({
      ...value,
      conditions:
        next === null ? value.conditions.filter((_, j) => j !== i) : value.conditions.map((c, j) => (j === i ? { ...c, ...next } : c)),
    });
  const nextName = (base: string, taken: readonly string[]) => {
    for (let n = 1; ; n++) if (!taken.includes(`${base}${n}`)) return `${base}${n}`;
  };

  return (
    <fieldset className="derive-field">
      <legend>Derived signals and conditions</legend>
      {value.derived.map((d, i) => (
        <div key={`d${i}`} className="derive-row" role="group" aria-label={`Derived signal ${i + 1}`}>
          <DeriveInput
            id={`${id}-dn${i}`}
            label="Name"
            value={d.name}
            onChange={(name) => setDerived(i, { name })}
            issues={issuesAt(issues, 'derived', i, 'name')}
          />
          <DeriveInput
            id={`${id}-de${i}`}
            label="Expression"
            value={d.expression}
            placeholder="rolling_mean(temp, 10m)"
            onChange={(expression) => setDerived(i, { expression })}
            issues={issuesAt(issues, 'derived', i, 'expression')}
            wide
          />
          <button type="button" className="link" onClick={() => setDerived(i, null)} aria-label={`Remove derived signal ${d.name}`}>
            Remove
          </button>
        </div>
      ))}
      {value.conditions.map((c, i) => (
        <div key={`c${i}`} className="derive-row" role="group" aria-label={`Condition ${i + 1}`}>
          <DeriveInput
            id={`${id}-cn${i}`}
            label="Condition name"
            value={c.name}
            onChange={(name) => setCondition(i, { name })}
            issues={issuesAt(issues, 'conditions', i, 'name')}
          />
          <DeriveInput
            id={`${id}-ce${i}`}
            label="Condition"
            value={c.expression}
            placeholder="temp > 80 for >= 5m"
            onChange={(expression) => setCondition(i, { expression })}
            issues={issuesAt(issues, 'conditions', i, 'expression')}
            wide
          />
          <DeriveInput
            id={`${id}-cs${i}`}
            label="Statistics of"
            value={c.statsOf ?? ''}
            placeholder="(none)"
            onChange={(statsOf) => setCondition(i, { statsOf: statsOf.trim() ? statsOf : undefined })}
            issues={issuesAt(issues, 'conditions', i, 'statsOf')}
          />
          <button type="button" className="link" onClick={() => setCondition(i, null)} aria-label={`Remove condition ${c.name}`}>
            Remove
          </button>
        </div>
      ))}
      <div className="button-row">
        <button
          type="button"
          onClick={() =>
            onChange({
              ...value,
              derived: [
                ...value.derived,
                {
                  name: nextName(
                    'derived_',
                    value.derived.map((d) => d.name),
                  ),
                  expression: '',
                },
              ],
            })
          }
        >
          Add derived signal
        </button>
        <button
          type="button"
          onClick={() =>
            onChange({
              ...value,
              conditions: [
                ...value.conditions,
                {
                  name: nextName(
                    'condition_',
                    value.conditions.map((c) => c.name),
                  ),
                  expression: '',
                },
              ],
            })
          }
        >
          Add condition
        </button>
      </div>
    </fieldset>
  );
}
