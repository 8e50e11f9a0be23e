import { useMemo } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale, useYAxisDomain } from 'recharts';
import type { Drawable } from './chart-data';
import { linearFrom, linePath, stepPath } from '../../ui/chart/line-path';
import { SeriesLines } from '../../ui/chart/SeriesLines';

interface Props {
  items: readonly Drawable[];
  range: { start: number; end: number };
  steps: boolean;
  colorOf(column: string): string;
}

/**
 * The chart's lines, drawn inside recharts' plot with its scales (line-path.ts says why not with
 * recharts' <Line>): one path per shown signal, classed `series-line`, named by its column.
 */
export function SeriesPaths({ items, range, steps, colorOf }: Props) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const yDomain = useYAxisDomain();
  const plot = usePlotArea();
  const [y0, y1] = [Number(yDomain?.[0] ?? 0), Number(yDomain?.[1] ?? 1)];
  const paths = useMemo(() => {
    const x = xScale && linearFrom(xScale, range.start, range.end);
    const y = yScale && linearFrom(yScale, y0, y1);
    if (!x || !y) return [];
    return items.map((d) => ({ column: d.column, d: steps ? stepPath(d.t, d.v as number[], x, y) : linePath(d.t, d.v, x, y) }));
  }, [items, range.start, range.end, steps, xScale, yScale, y0, y1]);
  if (!plot) return null;
  return <SeriesLines lines={paths} colorOf={colorOf} />;
}
