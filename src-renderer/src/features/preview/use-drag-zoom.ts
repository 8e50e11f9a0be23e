import { useState } from 'react';
import type { MouseHandlerDataParam } from 'recharts';

/**
 * Drag across a chart to zoom: the x values under the press and the release become the new range.
 * Ignores a click (no movement) so that clicking the chart does not zoom to nothing.
 */
export function useDragZoom(onZoom: (range: { start: number; end: number }) => void) {
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const x = (s: MouseHandlerDataParam) =>
    typeof s.activeLabel === 'number' ? s.activeLabel : s.activeLabel !== undefined ? Number(s.activeLabel) : null;
  return {
    from,
    to,
    handlers: {
      onMouseDown: (s: MouseHandlerDataParam) => {
        const v = x(s);
        setFrom(v);
        setTo(v);
      },
      onMouseMove: (s: MouseHandlerDataParam) => {
        if (from !== null) setTo(x(s) ?? to);
      },
      onMouseUp: () => {
        if (from !== null && to !== null && Number.isFinite(from) && Number.isFinite(to) && Math.abs(to - from) > 0) {
          onZoom({ start: Math.min(from, to), end: Math.max(from, to) });
        }
        setFrom(null);
        setTo(null);
      },
      onMouseLeave: () => {
        setFrom(null);
        setTo(null);
      },
    },
  };
}
