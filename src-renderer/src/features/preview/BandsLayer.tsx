import { useMemo } from 'react';
import { usePlotArea } from 'recharts';
import type { TimeRange } from '../../../../src-preload/contract';
import { bandRects, type ChartBands } from './chart-bands';

/**
 * Periods as translucent bands across the plot, under the lines: one SVG layer of rectangles
 * (chart-bands.ts bounds their count), placed with the plot's own area and the chart's range.
 */
export function BandsLayer({ bands, range }: { bands: readonly ChartBands[]; range: TimeRange }) {
  const plot = usePlotArea();
  const width = plot?.width ?? 0;
  const rects = useMemo(() => bandRects(bands, range, width), [bands, range, width]);
  if (!plot || rects.length === 0) return null;
  return (
    <g className="chart-bands" role="img" aria-label={`Bands of ${[...new Set(bands.map((b) => b.label))].join(', ')}`}>
      {rects.map((r, i) => (
        <rect
          key={i}
          className="chart-band"
          data-band={r.label}
          x={plot.x + r.x}
          y={plot.y}
          width={r.width}
          height={plot.height}
          fill={r.color}
          fillOpacity={0.18}
        >
          <title>{r.label}</title>
        </rect>
      ))}
    </g>
  );
}
