import { memo, useId, useMemo } from 'react';
import type { TimeRange } from '../../../../src-preload/contract';
import { linePath, niceAxis, stepPath, valueExtent, type Linear } from '../../ui/chart/line-path';
import { timeAxis } from '../../ui/chart/time-ticks';
import { SeriesLines } from '../../ui/chart/SeriesLines';
import type { LiveLine } from './live-lines';

/*
 * One live chart, drawn as plain SVG: floats of one physical unit as lines on one y-axis fitted to
 * what is in view, or one boolean/string/json signal as a step lane. Its time axis is the last
 * minutes up to the main process's clock, so each update moves it left: it scrolls as points come,
 * and stands still when Live stops. (recharts, as the preview uses it, would add its cursor and zoom
 * machinery to a chart redrawn every second or two; nothing here needs them.)
 */

export type LiveGroup = { kind: 'lines'; key: string; unit: string; columns: string[] } | { kind: 'steps'; key: string; column: string };

interface Props {
  group: LiveGroup;
  /** The group's lines, each from the range's start on. */
  lines: readonly LiveLine[];
  range: TimeRange;
  width: number;
  zone: string;
  colorOf(column: string): string;
}

const Y_AXIS = 64;
const RIGHT = 12;
const TOP = 6;
const X_AXIS = 20;
const fmt = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const shorten = (text: string) => (text.length > 10 ? `${text.slice(0, 9)}…` : text);

export const LiveChart = memo(function LiveChart({ group, lines, range, width, zone, colorOf }: Props) {
  const clip = `live-clip-${useId().replace(/[^\w-]/g, '')}`;
  const height = group.kind === 'lines' ? 180 : 90;
  const plot = { left: Y_AXIS, right: Math.max(width - RIGHT, Y_AXIS + 10), top: TOP, bottom: height - X_AXIS };
  const x: Linear = (t) => plot.left + ((t - range.start) / Math.max(range.end - range.start, 1)) * (plot.right - plot.left);

  // A lane's states, in a stable order; a line chart's values as numbers.
  const categories = useMemo(() => {
    if (group.kind !== 'steps') return null;
    const seen = new Set<string>();
    for (const l of lines) for (const v of l.v) if (v !== null && !(typeof v === 'number' && Number.isNaN(v))) seen.add(String(v));
    return [...seen].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  }, [group.kind, lines]);
  const yAxis = useMemo(() => {
    if (categories) return { domain: [0, Math.max(categories.length - 1, 1)] as [number, number], ticks: categories.map((_, i) => i) };
    const values = lines.map((l) => Array.from(l.v as Float64Array, (v) => (Number.isNaN(v) ? null : v)));
    const [lo, hi] = valueExtent(values) ?? [0, 1];
    return niceAxis(lo, hi);
  }, [categories, lines]);
  const [y0, y1] = yAxis.domain;
  const y: Linear = (v) => plot.bottom - ((v - y0) / Math.max(y1 - y0, Number.EPSILON)) * (plot.bottom - plot.top);
  const time = timeAxis(range, zone, plot.right - plot.left);
  const label = group.kind === 'lines' ? group.unit || 'no unit' : group.column;

  const paths = lines.map((l) => {
    if (l.shape === 'line')
      return {
        column: l.column,
        d: linePath(
          Array.from(l.t),
          Array.from(l.v, (v) => (Number.isNaN(v) ? null : v)),
          x,
          y,
        ),
      };
    const index = new Map((categories ?? []).map((c, i) => [c, i]));
    const t: number[] = [];
    const v: number[] = [];
    l.v.forEach((raw, i) => {
      const k = raw === null ? undefined : index.get(String(raw));
      if (k === undefined) return;
      t.push(l.t[i]!);
      v.push(k);
    });
    return { column: l.column, d: stepPath(t, v, x, y) };
  });
  const name = group.kind === 'lines' ? `Live chart of ${group.columns.join(', ')} (${label})` : `Live lane of ${label}`;

  return (
    <figure className="chart live-chart" aria-label={name} data-range-start={range.start} data-range-end={range.end}>
      <figcaption className="chart-caption">{label}</figcaption>
      <svg width={width} height={height} role="img" aria-label={name}>
        <g className="live-grid">
          {yAxis.ticks.map((tick) => (
            <g key={tick}>
              <line x1={plot.left} x2={plot.right} y1={y(tick)} y2={y(tick)} stroke="currentColor" strokeOpacity={0.15} />
              <text x={plot.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={11}>
                {categories ? shorten(categories[tick] ?? '') : fmt.format(tick)}
              </text>
            </g>
          ))}
          {time.ticks.map((tick) => (
            <text key={tick} x={x(tick)} y={height - 6} textAnchor="middle" fontSize={11}>
              {time.format(tick)}
            </text>
          ))}
        </g>
        <clipPath id={clip}>
          <rect x={plot.left} y={0} width={plot.right - plot.left} height={height} />
        </clipPath>
        <SeriesLines lines={paths} colorOf={colorOf} clipPath={`url(#${clip})`} />
      </svg>
    </figure>
  );
});
