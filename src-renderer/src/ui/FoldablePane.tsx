import type { ReactNode } from 'react';

interface Props {
  /** The pane's name, e.g. "Browse": its buttons say "Hide Browse" and "Show Browse". */
  label: string;
  folded: boolean;
  onFold(folded: boolean): void;
  children: ReactNode;
}

/**
 * A pane that folds away to a narrow strip, to give its room to the others. Folded, its content
 * stays mounted (what was typed or opened there is kept) but hidden.
 */
export function FoldablePane({ label, folded, onFold, children }: Props) {
  return (
    <div className="foldable-pane" data-folded={folded ? 'true' : 'false'}>
      {folded ? (
        <button type="button" className="unfold-button" aria-expanded={false} onClick={() => onFold(false)}>
          Show {label}
        </button>
      ) : (
        <button
          type="button"
          className="fold-button icon-button"
          aria-expanded={true}
          aria-label={`Hide ${label}`}
          title={`Hide ${label}`}
          onClick={() => onFold(true)}
        >
          «
        </button>
      )}
      <div className="foldable-content" hidden={folded}>
        {children}
      </div>
    </div>
  );
}
