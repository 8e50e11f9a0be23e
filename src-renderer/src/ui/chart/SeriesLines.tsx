/** One drawn line: its column and its SVG path. */
export interface SeriesLine {
  column: string;
  d: string;
}

interface Props {
  lines: readonly SeriesLine[];
  colorOf(column: string): string;
  clipPath?: string;
}

/**
 * The lines of a chart, one path per signal, classed `series-line` and named by its column (what the
 * UI tests read), for the preview's charts and the live ones alike.
 */
export function SeriesLines({ lines, colorOf, clipPath }: Props) {
  return (
    <g className="series-lines" {...(clipPath ? { clipPath } : {})}>
      {lines.map((p) => (
        <path
          key={p.column}
          className="series-line"
          data-column={p.column}
          d={p.d}
          fill="none"
          stroke={colorOf(p.column)}
          strokeWidth={1.5}
        />
      ))}
    </g>
  );
}
