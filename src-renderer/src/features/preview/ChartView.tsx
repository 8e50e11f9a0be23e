import { useCallback, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { JobResult, TimeRange } from '../../../../src-preload/contract';
import { formatReadable } from '../../lib/zoned-time';
import { useElementWidth } from '../../lib/use-element-width';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { seriesQuery } from './api';
import { groupSeries, isThinned, zoomRange } from './chart-data';
import { colorFor } from './colors';
import { Legend } from './Legend';
import { SeriesChart } from './SeriesChart';
import { useProgressiveCount } from './use-progressive-count';

interface Props {
  jobId: string;
  result: JobResult;
  zone: string;
}

/**
 * Every signal of a ready export, drawn at about one point per pixel. Zooming (drag, or the
 * buttons) asks the main process for that range again, so detail appears as the range narrows.
 */
export function ChartView({ jobId, result, zone }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(boxRef);
  const [range, setRange] = useState<TimeRange | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const points = Math.min(Math.max(Math.round(width) || 800, 10), 20_000);
  const query = useQuery({ ...seriesQuery(jobId, range, points), enabled: width > 0 });
  const data = query.data;
  const groups = useMemo(() => (data ? groupSeries(data.series) : []), [data]);
  const mounted = useProgressiveCount(groups.length, data);
  const colorIndex = useMemo(() => new Map(result.columns.map((c, i) => [c.name, i])), [result.columns]);
  const colorOf = useCallback((column: string) => colorFor(colorIndex.get(column) ?? 0), [colorIndex]);
  const onZoom = useCallback((r: TimeRange) => setRange({ start: Math.round(r.start), end: Math.round(r.end) }), []);
  const full = data?.fullRange ?? result.timeRange;
  const shown = data?.range ?? range ?? full;
  const downsampled = data?.series.some(isThinned) ?? false;

  const toggle = (column: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(column)) next.delete(column);
      else next.add(column);
      return next;
    });

  return (
    <div className="chart-view" ref={boxRef}>
      <div className="chart-toolbar">
        <div className="button-row" role="group" aria-label="Zoom">
          <button type="button" disabled={!shown || !full} onClick={() => shown && full && setRange(zoomRange(shown, 0.5, full))}>
            Zoom in
          </button>
          <button type="button" disabled={!range || !full} onClick={() => shown && full && setRange(zoomRange(shown, 2, full))}>
            Zoom out
          </button>
          <button type="button" disabled={!range} onClick={() => setRange(null)}>
            Reset zoom
          </button>
        </div>
        {shown && (
          <span className="muted small" data-testid="chart-range">
            {formatReadable(shown.start, zone, { seconds: true })} → {formatReadable(shown.end, zone, { seconds: true })}
          </span>
        )}
        {downsampled && (
          <span className="badge" data-testid="downsampled-mark">
            Downsampled to about {points.toLocaleString('en-US')} points per signal: zoom in for detail
          </span>
        )}
        {query.isFetching && (
          <span className="muted small" role="status">
            Loading detail…
          </span>
        )}
      </div>
      {data && <Legend series={data.series} hidden={hidden} colorOf={colorOf} onToggle={toggle} />}
      {query.isError && <ErrorAlert error={query.error} title="Could not draw the data." />}
      {result.rowCount === 0 && <p className="empty">The export has no rows in this window.</p>}
      {data && shown && width > 0 && (
        <div className="charts" aria-busy={mounted < groups.length} onDoubleClick={() => setRange(null)}>
          {groups.slice(0, mounted).map((g) => (
            <SeriesChart
              key={g.key}
              group={g}
              range={shown}
              width={width}
              zone={zone}
              hidden={hidden}
              colorOf={colorOf}
              onZoom={onZoom}
              compact={groups.length > 2}
            />
          ))}
        </div>
      )}
      <p className="muted small">Drag across a chart to zoom into that stretch; double-click to see it all again.</p>
    </div>
  );
}
