import { memo, useEffect, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimeRange } from '../../../../src-preload/contract';
import { drawnPoints, seriesRows, isThinned, MAX_LABELLED_STATES, type ChartGroup } from './chart-data';
import { timeTickFormatter } from './time-ticks';
import { useDragZoom } from './use-drag-zoom';

interface Props {
  group: ChartGroup;
  range: TimeRange;
  width: number;
  zone: string;
  hidden: ReadonlySet<string>;
  colorOf(column: string): string;
  onZoom(range: TimeRange): void;
  /** Shorter charts when there are several, so more fit in view. */
  compact?: boolean;
}

const noVerticalLines = () => [];

/**
 * For `npm run bench` (bench/cases/renderer.ts): a performance mark once the frame showing what
 * was just committed is painted (a task queued from requestAnimationFrame runs after that frame).
 */
function markAfterPaint(name: string): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(() => performance.mark(name), 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
const fmtNumber = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const shorten = (text: string) => (text.length > 10 ? `${text.slice(0, 9)}…` : text);

/**
 * One chart: floats of one physical unit as lines on one y-axis, or one boolean/string signal as a
 * step lane. The lean recharts setup of PERFORMANCE-NOTES: numeric epoch-ms x axis with a
 * formatter (no time scale), no vertical grid ticks, no animation, no dots.
 */
export const SeriesChart = memo(function SeriesChart({ group, range, width, zone, hidden, colorOf, onZoom, compact }: Props) {
  const series = useMemo(() => (group.kind === 'lines' ? group.series : [group.series]), [group]);
  const categories = group.kind === 'steps' ? group.categories : undefined;
  const data = useMemo(() => series.map((s) => seriesRows(s, categories)), [series, categories]);
  useEffect(() => markAfterPaint(`preview:chart-painted:${group.key}`), [data, group.key]);
  const tick = useMemo(() => timeTickFormatter(range.end - range.start, zone), [range, zone]);
  const drag = useDragZoom(onZoom);
  const isLane = group.kind === 'steps';
  const height = isLane ? Math.min(60 + (categories?.length ?? 2) * 14, 160) : compact ? 160 : 220;
  const label = group.kind === 'lines' ? group.unit || 'no unit' : group.series.column;
  const labelled = !categories || categories.length <= MAX_LABELLED_STATES;
  const yTick = (v: number) => (categories ? shorten(categories[v] ?? '') : fmtNumber.format(v));
  const downsampled = series.filter((s) => isThinned(s) && !hidden.has(s.column));

  return (
    <figure
      className="chart"
      aria-label={group.kind === 'lines' ? `Chart of ${series.map((s) => s.column).join(', ')} (${label})` : `Lane of ${label}`}
    >
      <figcaption className="chart-caption">
        <span>{group.kind === 'lines' ? label : `${label} (${group.series.dataType})`}</span>
        {downsampled.length > 0 && (
          <span className="badge" title="Extremes are kept; zoom in to see every point">
            downsampled:{' '}
            {downsampled.map((s) => `${drawnPoints(s).toLocaleString('en-US')} of ${s.sourcePoints.toLocaleString('en-US')}`).join(', ')}{' '}
            points
          </span>
        )}
      </figcaption>
      <LineChart width={width} height={height} margin={{ top: 4, right: 12, bottom: 0, left: 0 }} {...drag.handlers}>
        <CartesianGrid vertical={false} verticalCoordinatesGenerator={noVerticalLines} strokeOpacity={0.25} />
        <XAxis dataKey="t" type="number" domain={[range.start, range.end]} allowDataOverflow tickFormatter={tick} minTickGap={40} />
        <YAxis
          width={isLane ? 72 : 64}
          tickFormatter={yTick}
          domain={isLane ? [0, Math.max((categories?.length ?? 1) - 1, 1)] : ['auto', 'auto']}
          ticks={isLane && labelled ? categories?.map((_, i) => i) : undefined}
          tick={labelled}
          allowDecimals={!isLane}
          label={!isLane && label ? { value: label, angle: -90, position: 'insideLeft', offset: 10 } : undefined}
        />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(t) => (typeof t === 'number' ? tick(t) : String(t))}
          formatter={(v) => (typeof v === 'number' ? (categories ? (categories[v] ?? '') : fmtNumber.format(v)) : String(v))}
        />
        {series.map((s, i) => (
          <Line
            key={s.column}
            data={data[i]}
            dataKey={s.column}
            name={s.column}
            type={isLane ? 'stepAfter' : 'linear'}
            stroke={colorOf(s.column)}
            strokeWidth={1.5}
            dot={false}
            activeDot={false}
            // Breaks come from seriesRows: a null there is a real outage.
            connectNulls={false}
            isAnimationActive={false}
            hide={hidden.has(s.column)}
          />
        ))}
        {drag.from !== null && drag.to !== null && drag.from !== drag.to && (
          <ReferenceArea x1={drag.from} x2={drag.to} strokeOpacity={0.3} fillOpacity={0.15} />
        )}
      </LineChart>
    </figure>
  );
});
