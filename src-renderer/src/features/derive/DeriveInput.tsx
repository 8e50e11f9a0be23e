import type { DeriveIssue } from '../../../../src-preload/contract/derive';

/*
 * One text field of the derive editor, with its issues under it; an issue that points into the text
 * shows it with the stretch `[at, end)` marked, so the place is seen, not only counted.
 */

interface Props {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  onChange(next: string): void;
  issues: readonly DeriveIssue[];
  wide?: boolean;
}

export function DeriveInput({ id, label, value, placeholder, onChange, issues, wide }: Props) {
  const errorId = `${id}-error`;
  return (
    <div className={wide ? 'field derive-input wide' : 'field derive-input'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={issues.length > 0}
        aria-describedby={issues.length ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {issues.length > 0 && (
        <div id={errorId} className="field-error" role="alert">
          {issues.map((issue, i) => (
            <p key={i}>
              {issue.message}
              {issue.end > issue.at && (
                <code className="derive-mark" aria-hidden="true">
                  {value.slice(0, issue.at)}
                  <mark>{value.slice(issue.at, issue.end)}</mark>
                  {value.slice(issue.end)}
                </code>
              )}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
