import { formatReadable } from '../../lib/zoned-time';
import { valueAtCursor, type Drawable } from './chart-data';

interface Props {
  t: number;
  active: boolean;
  zone: string;
  items: readonly Drawable[];
  format(value: number): string;
  steps: boolean;
  colorOf(column: string): string;
}

const valueText = (v: number | null | undefined, format: (value: number) => string) =>
  v === undefined ? '–' : v === null ? 'no data' : format(v);

/** The cursor's box: the instant and each shown signal's value there ("no data" inside a gap). */
export function CursorReadout({ t, active, zone, items, format, steps, colorOf }: Props) {
  if (!active || !Number.isFinite(t)) return null;
  return (
    <div className="cursor-readout">
      <div className="cursor-time">{formatReadable(t, zone, { seconds: true })}</div>
      {items.map((d) => (
        <div key={d.column} className="cursor-value">
          <span className="swatch" style={{ background: colorOf(d.column) }} aria-hidden="true" />
          <span>{d.column}</span> <strong>{valueText(valueAtCursor(d, t, steps), format)}</strong>
        </div>
      ))}
    </div>
  );
}

/** The same, as one sentence for a screen reader. */
export function readoutText(
  t: number,
  zone: string,
  items: readonly Drawable[],
  format: (value: number) => string,
  steps: boolean,
): string {
  const values = items.map((d) => `${d.column} ${valueText(valueAtCursor(d, t, steps), format)}`);
  return `${formatReadable(t, zone, { seconds: true })}: ${values.join(', ')}`;
}
