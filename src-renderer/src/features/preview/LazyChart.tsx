import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { chartFrames } from './chart-frames';
import { useInView } from '../../lib/use-in-view';
import { SeriesChart, type SeriesChartProps } from './SeriesChart';

/**
 * A chart drawn once, then redrawn only while it is on screen: a zoom or a pan repaints the
 * charts in view, as many an animation frame as fit its budget (chart-frames.ts: each drawn at once
 * inside the frame, flushSync, so that its cost counts and it is painted in that frame), and one
 * scrolled out of view keeps its last drawing until it comes back. `chart` must keep its identity
 * while nothing changes (the parent memoises it).
 */
export function LazyChart({ chart }: { chart: SeriesChartProps }) {
  const ref = useRef<HTMLDivElement>(null);
  const inView = useInView(ref);
  const [drawn, setDrawn] = useState<SeriesChartProps>(chart);
  useEffect(() => {
    if (!inView || drawn === chart) return;
    return chartFrames.inNextFrame(() => flushSync(() => setDrawn(chart)));
  }, [inView, chart, drawn]);
  return (
    // data-key and data-in-view: for `npm run bench`, which waits for the charts on screen to repaint.
    <div ref={ref} className="lazy-chart" data-key={chart.group.key} data-in-view={inView ? 'true' : 'false'}>
      <SeriesChart {...drawn} />
    </div>
  );
}
