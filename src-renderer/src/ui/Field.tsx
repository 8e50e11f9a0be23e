import { useId, type ReactNode } from 'react';

interface Props {
  label: string;
  error?: string;
  hintId?: string;
  /** Renders the control with the id its label points at and the ids that describe it. */
  children(ids: { id: string; describedBy: string | undefined; invalid: boolean }): ReactNode;
}

/**
 * A labelled input with its problem beside it. The error sits outside the <label>, so the control's
 * accessible name stays its label ("End"), and is tied to it by aria-describedby instead.
 */
export function Field({ label, error, hintId, children }: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hintId ?? null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: !!error })}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
