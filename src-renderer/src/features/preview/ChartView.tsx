import { useCallback, useMemo, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { TimeRange } from '../../../../src-preload/contract';
import { formatReadable } from '../../lib/zoned-time';
import { useElementWidth } from '../../lib/use-element-width';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { seriesQuery } from './api';
import { groupSeries, isThinned, panRange, zoomRange } from './chart-data';
import { plotColumns } from './chart-layout';
import { chunksInText } from './chunk-count';
import { colorFor } from '../../ui/chart/colors';
import { LazyChart } from './LazyChart';
import { Legend } from './Legend';
import type { SeriesChartProps } from './SeriesChart';
import type { ChartBands } from './chart-bands';
import { useProgressiveCount } from './use-progressive-count';

interface Props {
  jobId: string;
  /** The export is not complete: its time axis is the requested window, filled in as chunks arrive. */
  following: boolean;
  /** Chunks the job says are done (the answer shown should hold as many), and planned (null: not yet known). */
  chunksDone: number;
  planned: number | null;
  /** The complete export has no rows. */
  empty: boolean;
  zone: string;
  /** The range shown (null: all of it) and the signals hidden: kept by the panel across tabs. */
  range: TimeRange | null;
  onRange(range: TimeRange | null): void;
  hidden: ReadonlySet<string>;
  onToggle(column: string): void;
  /** Periods drawn as bands on every chart. */
  bands?: readonly ChartBands[];
}

/**
 * Every signal of an export, one M4 bucket per pixel column of the plot, drawn as soon as its first
 * chunk is in: while the rest arrives, the time axis is the requested window and the charts fill
 * in chunk by chunk. Zooming (drag, or the buttons) and panning (Shift-drag, or the arrows) ask the
 * main process for that range again, so detail appears as the range narrows; the charts in view
 * repaint, the others when they come into view.
 */
export function ChartView({ jobId, following, chunksDone, planned, empty, zone, range, onRange, hidden, onToggle, bands }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(boxRef);
  const points = plotColumns(width || 800);
  const query = useQuery({ ...seriesQuery(jobId, range, points, chunksDone), enabled: width > 0 });
  const data = query.data;
  const groups = useMemo(() => (data ? groupSeries(data.series) : []), [data]);
  const mounted = useProgressiveCount(groups.length);
  // Colours by column order, which every answer keeps.
  const columnKey = data?.series.map((s) => s.column).join('\u0000') ?? '';
  const colorIndex = useMemo(() => new Map(columnKey.split('\u0000').map((c, i) => [c, i])), [columnKey]);
  const colorOf = useCallback((column: string) => colorFor(colorIndex.get(column) ?? 0), [colorIndex]);
  // Zoom and pan stay inside the data once it is all in; inside the requested window while it arrives.
  const full = data ? (following ? data.window : (data.dataRange ?? data.window)) : null;
  // What the charts hold: the answer's chunks, of the plan as the job knows it (the answer's total
  // lags a plan that grew after the first chunk).
  const chunks = data && following ? chunksInText(data.chunks.done, planned === null ? null : Math.max(planned, data.chunks.total)) : null;
  // One object per pair of bounds (answers are new objects each time), so charts compare it cheaply.
  const answered = data?.range ?? range ?? full;
  const [shownStart, shownEnd] = [answered?.start, answered?.end];
  const shown = useMemo(
    () => (shownStart === undefined || shownEnd === undefined ? null : { start: shownStart, end: shownEnd }),
    [shownStart, shownEnd],
  );
  const downsampled = data?.series.some(isThinned) ?? false;
  const onZoom = useCallback((r: TimeRange) => onRange({ start: Math.round(r.start), end: Math.round(r.end) }), [onRange]);
  const onPan = useCallback(
    (r: TimeRange) => {
      if (!shown || !full) return;
      onRange(panRange(shown, (r.start - shown.start) / Math.max(shown.end - shown.start, 1), full));
    },
    [shown, full, onRange],
  );
  const pan = (fraction: number) => shown && full && onRange(panRange(shown, fraction, full));
  const atStart = !shown || !full || shown.start <= full.start;
  const atEnd = !shown || !full || shown.end >= full.end;

  // One props object per chart, kept while nothing it shows changes, so that charts out of view
  // can keep their drawing (LazyChart) and charts in view repaint only when they must.
  const charts = useMemo<SeriesChartProps[]>(
    () =>
      shown
        ? groups.map((group) => ({ group, range: shown, width, zone, hidden, colorOf, onZoom, onPan, compact: groups.length > 2, bands }))
        : [],
    [groups, shown, width, zone, hidden, colorOf, onZoom, onPan, bands],
  );

  return (
    <div className="chart-view" ref={boxRef}>
      <div className="chart-toolbar">
        <div className="button-row" role="group" aria-label="Zoom and pan">
          <button
            type="button"
            aria-label="Pan left"
            title="Earlier (Shift-drag a chart to pan)"
            disabled={atStart}
            onClick={() => pan(-0.5)}
          >
            ◀
          </button>
          <button type="button" disabled={!shown || !full} onClick={() => shown && full && onRange(zoomRange(shown, 0.5, full))}>
            Zoom in
          </button>
          <button type="button" disabled={!range || !full} onClick={() => shown && full && onRange(zoomRange(shown, 2, full))}>
            Zoom out
          </button>
          <button type="button" disabled={!range} onClick={() => onRange(null)}>
            Reset zoom
          </button>
          <button type="button" aria-label="Pan right" title="Later (Shift-drag a chart to pan)" disabled={atEnd} onClick={() => pan(0.5)}>
            ▶
          </button>
        </div>
        {shown && (
          <span className="muted small" data-testid="chart-range" data-start={shown.start} data-end={shown.end}>
            {formatReadable(shown.start, zone, { seconds: true })} → {formatReadable(shown.end, zone, { seconds: true })}
          </span>
        )}
        {downsampled && (
          <span className="badge" data-testid="downsampled-mark">
            Downsampled to one column of points per pixel: zoom in for detail
          </span>
        )}
        {chunks && (
          <span className="badge" data-testid="chart-chunks">
            {chunks}
          </span>
        )}
        {query.isFetching && (query.isPlaceholderData || !data) && (
          <span className="muted small" role="status">
            Loading detail…
          </span>
        )}
      </div>
      {data && <Legend series={data.series} hidden={hidden} colorOf={colorOf} onToggle={onToggle} />}
      {query.isError && <ErrorAlert error={query.error} title="Could not draw the data." />}
      {empty && <p className="empty">The export has no rows in this window.</p>}
      {data && shown && width > 0 && (
        <div className="charts" aria-busy={mounted < charts.length} onDoubleClick={() => onRange(null)}>
          {charts.slice(0, mounted).map((chart) => (
            <LazyChart key={chart.group.key} chart={chart} />
          ))}
        </div>
      )}
      <p className="muted small">
        Drag across a chart to zoom into that stretch, Shift-drag to pan; double-click to see it all again. On a focused chart, the arrow
        keys move the cursor.
      </p>
    </div>
  );
}
