import type { Series } from '../../../../src-preload/contract';

interface Props {
  series: readonly Series[];
  hidden: ReadonlySet<string>;
  colorOf(column: string): string;
  onToggle(column: string): void;
}

/** One toggle per signal: pressed means drawn. */
export function Legend({ series, hidden, colorOf, onToggle }: Props) {
  return (
    <div className="legend" role="group" aria-label="Signals shown">
      {series.map((s) => (
        <button
          key={s.column}
          type="button"
          className="legend-item"
          aria-pressed={!hidden.has(s.column)}
          onClick={() => onToggle(s.column)}
        >
          <span className="swatch" style={{ background: colorOf(s.column) }} aria-hidden="true" />
          {s.column}
          {s.physicalUnit && <span className="muted"> ({s.physicalUnit})</span>}
        </button>
      ))}
    </div>
  );
}
