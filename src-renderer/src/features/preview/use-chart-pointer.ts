import { useState, type MouseEvent } from 'react';
import type { MouseHandlerDataParam } from 'recharts';

type Range = { start: number; end: number };

/**
 * The mouse on a chart: drag across it to zoom into that stretch (the x values under the press and
 * the release become the range); hold Shift and drag to pan (the data follows the mouse). A click
 * without movement does neither.
 */
export function useChartPointer(opts: { range: Range; plotWidth: number; onZoom(range: Range): void; onPan(range: Range): void }) {
  const { range, plotWidth, onZoom, onPan } = opts;
  const [drag, setDrag] = useState<{ mode: 'zoom' | 'pan'; from: number | null; to: number | null; x0: number; x: number } | null>(null);
  const label = (s: MouseHandlerDataParam) =>
    typeof s.activeLabel === 'number' ? s.activeLabel : s.activeLabel !== undefined ? Number(s.activeLabel) : null;
  const msPerPx = (range.end - range.start) / Math.max(plotWidth, 1);
  const end = () => setDrag(null);
  return {
    /** The stretch being selected for a zoom, to shade. */
    selection:
      drag?.mode === 'zoom' && drag.from !== null && drag.to !== null && drag.from !== drag.to ? { from: drag.from, to: drag.to } : null,
    /** How far a pan has moved the data so far, in pixels (positive: to the right). */
    panPx: drag?.mode === 'pan' ? drag.x - drag.x0 : 0,
    handlers: {
      onMouseDown: (s: MouseHandlerDataParam, e: MouseEvent) => {
        const v = label(s);
        setDrag({ mode: e.shiftKey ? 'pan' : 'zoom', from: v, to: v, x0: e.clientX, x: e.clientX });
      },
      onMouseMove: (s: MouseHandlerDataParam, e: MouseEvent) => {
        if (drag) setDrag({ ...drag, to: label(s) ?? drag.to, x: e.clientX });
      },
      onMouseUp: () => {
        if (drag?.mode === 'zoom' && drag.from !== null && drag.to !== null && Number.isFinite(drag.from) && drag.to !== drag.from) {
          onZoom({ start: Math.min(drag.from, drag.to), end: Math.max(drag.from, drag.to) });
        }
        if (drag?.mode === 'pan' && drag.x !== drag.x0) {
          // Dragging the data to the right shows what came before.
          const shift = -(drag.x - drag.x0) * msPerPx;
          onPan({ start: range.start + shift, end: range.end + shift });
        }
        end();
      },
      onMouseLeave: end,
    },
  };
}
