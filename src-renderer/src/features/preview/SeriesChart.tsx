import { memo, useEffect, useId, useMemo, type CSSProperties } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimeRange } from '../../../../src-preload/contract';
import { drawable, drawnPoints, isThinned, MAX_LABELLED_STATES, type ChartGroup } from './chart-data';
import { cursorGrid, MARGIN, plotColumns, Y_AXIS_WIDTH } from './chart-layout';
import { CursorReadout, readoutText } from './CursorReadout';
import { nearestByTime, SYNC_ID } from './cursor-sync';
import { niceAxis, valueExtent } from '../../ui/chart/line-path';
import { chartFrames } from './chart-frames';
import { SeriesPaths } from './SeriesPaths';
import { BandsLayer } from './BandsLayer';
import type { ChartBands } from './chart-bands';
import { timeAxis } from '../../ui/chart/time-ticks';
import { useChartPointer } from './use-chart-pointer';
import { useCursorKeys } from './use-cursor-keys';

export interface SeriesChartProps {
  group: ChartGroup;
  range: TimeRange;
  width: number;
  zone: string;
  hidden: ReadonlySet<string>;
  colorOf(column: string): string;
  onZoom(range: TimeRange): void;
  onPan(range: TimeRange): void;
  /** Shorter charts when there are several, so more fit in view. */
  compact?: boolean;
  /** Periods drawn as bands across the plot, under the lines (a condition's: true from start to end). */
  bands?: readonly ChartBands[];
}

const noVerticalLines = () => [];

/**
 * For `npm run bench` (bench/cases/renderer.ts): a performance mark once the frame showing what
 * was just committed is painted. Drawn inside a frame (chart-frames.ts), it is painted in that one:
 * a task queued now runs after it. Otherwise a task queued from the next requestAnimationFrame runs
 * after the frame that paints it.
 */
function markAfterPaint(name: string): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const mark = () => (timer = setTimeout(() => performance.mark(name), 0));
  if (chartFrames.inFrame()) {
    mark();
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(mark);
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
const fmtNumber = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const shorten = (text: string) => (text.length > 10 ? `${text.slice(0, 9)}…` : text);

/**
 * One chart: floats of one physical unit as lines on one y-axis fitted to what is shown, or one
 * boolean/string signal as a step lane. recharts draws the axes, the grid and the cursor (numeric
 * epoch-ms x axis with a formatter, no vertical grid ticks, no animation: PERFORMANCE-NOTES); the
 * lines are paths built from the series (SeriesPaths). The cursor is shared by every chart
 * (recharts `syncId`, matched by time on a grid of one instant per pixel), moved by the mouse or,
 * on the focused chart, by the arrow keys.
 */
export const SeriesChart = memo(function SeriesChart(props: SeriesChartProps) {
  const { group, range, width, zone, hidden, colorOf, onZoom, onPan, compact, bands } = props;
  const series = useMemo(() => (group.kind === 'lines' ? group.series : [group.series]), [group]);
  const categories = group.kind === 'steps' ? group.categories : undefined;
  const isLane = group.kind === 'steps';
  const all = useMemo(() => series.map((s) => drawable(s, categories)), [series, categories]);
  const shown = useMemo(() => all.filter((d) => !hidden.has(d.column)), [all, hidden]);
  const columns = plotColumns(width);
  const grid = useMemo(() => cursorGrid(range, columns), [range, columns]);
  // The y-axis fits what is shown (the range's points of the signals not hidden); a lane's states are 0..n-1.
  const yAxis = useMemo(() => {
    if (categories) return { domain: [0, Math.max(categories.length - 1, 1)] as [number, number], ticks: categories.map((_, i) => i) };
    const [lo, hi] = valueExtent(shown.map((d) => d.v)) ?? [0, 1];
    return niceAxis(lo, hi);
  }, [categories, shown]);
  useEffect(() => markAfterPaint(`preview:chart-painted:${group.key}`), [all, range, group.key]);
  const time = useMemo(() => timeAxis(range, zone, columns), [range, zone, columns]);
  const pointer = useChartPointer({ range, plotWidth: columns, onZoom, onPan });
  const keys = useCursorKeys(columns);
  const hintId = useId();
  const height = isLane ? Math.min(60 + (categories?.length ?? 2) * 14, 160) : compact ? 160 : 220;
  const label = group.kind === 'lines' ? group.unit || 'no unit' : group.series.column;
  const labelled = !categories || categories.length <= MAX_LABELLED_STATES;
  const format = (v: number) => (categories ? (categories[v] ?? '') : fmtNumber.format(v));
  const yTick = (v: number) => (categories ? shorten(categories[v] ?? '') : fmtNumber.format(v));
  const downsampled = series.filter((s) => !hidden.has(s.column) && isThinned(s));
  const name = group.kind === 'lines' ? `Chart of ${series.map((s) => s.column).join(', ')} (${label})` : `Lane of ${label}`;

  return (
    <figure
      ref={keys.ref}
      className="chart"
      aria-label={name}
      aria-describedby={hintId}
      tabIndex={0}
      onKeyDown={keys.onKeyDown}
      onBlur={keys.clear}
      // The range this chart is drawn for: a chart out of view keeps its last drawing until it comes back.
      data-range-start={range.start}
      data-range-end={range.end}
      data-panning={pointer.panPx ? 'true' : undefined}
      style={pointer.panPx ? ({ '--pan': `${pointer.panPx}px` } as CSSProperties) : undefined}
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
      <span id={hintId} className="sr-only">
        Left and right arrows move the cursor shared by every chart; Shift moves it faster.
      </span>
      <LineChart
        width={width}
        height={height}
        margin={MARGIN}
        syncId={SYNC_ID}
        syncMethod={nearestByTime}
        accessibilityLayer={false}
        {...pointer.handlers}
      >
        <CartesianGrid vertical={false} verticalCoordinatesGenerator={noVerticalLines} strokeOpacity={0.25} />
        {/* Its only data is the cursor grid (hidden, so included explicitly): the cursor stands on the same instants in every chart. */}
        <XAxis
          dataKey="t"
          type="number"
          domain={[range.start, range.end]}
          allowDataOverflow
          includeHidden
          ticks={time.ticks}
          interval={0}
          tickFormatter={time.format}
        />
        <YAxis
          width={Y_AXIS_WIDTH}
          tickFormatter={yTick}
          domain={yAxis.domain}
          // Exactly this domain: the lines are not recharts items it could read.
          allowDataOverflow
          ticks={labelled ? yAxis.ticks : undefined}
          tick={labelled}
          allowDecimals={!isLane}
        />
        <Line data={grid} dataKey="cursor" hide dot={false} activeDot={false} isAnimationActive={false} legendType="none" />
        {bands && bands.length > 0 && <BandsLayer bands={bands} range={range} />}
        <SeriesPaths items={shown} range={range} steps={isLane} colorOf={colorOf} />
        <Tooltip
          isAnimationActive={false}
          cursor={{ stroke: 'var(--cursor)', strokeWidth: 1 }}
          // Shown whenever the cursor is: the readout reads the signals itself, not recharts' payload.
          wrapperStyle={{ visibility: 'visible' }}
          content={(p) => (
            <CursorReadout
              t={Number(p.label)}
              active={p.active}
              zone={zone}
              items={shown}
              format={format}
              steps={isLane}
              colorOf={colorOf}
            />
          )}
        />
        {pointer.selection && (
          <ReferenceArea x1={pointer.selection.from} x2={pointer.selection.to} strokeOpacity={0.3} fillOpacity={0.15} />
        )}
      </LineChart>
      <p className="sr-only" aria-live="polite">
        {keys.column !== null && grid[keys.column] ? readoutText(grid[keys.column]!.t, zone, shown, format, isLane) : ''}
      </p>
    </figure>
  );
});
