import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { MARGIN, Y_AXIS_WIDTH } from './chart-layout';

/**
 * The arrow keys on a focused chart move the shared cursor one pixel at a time (Shift: a tenth of
 * the chart; Home and End: the ends), Escape hides it. The cursor is recharts' own: the keys stand
 * the pointer where the mouse would, on a stop of the cursor grid (one per whole pixel, `columns + 1`
 * of them), so the chart and every chart synchronised with it answer exactly as to the mouse.
 */
export function useCursorKeys(columns: number) {
  const ref = useRef<HTMLElement>(null);
  const [column, setColumn] = useState<number | null>(null);

  const pointAt = useCallback((type: 'mousemove' | 'mouseout', col: number) => {
    const wrapper = ref.current?.querySelector('.recharts-wrapper');
    if (!wrapper) return;
    const box = wrapper.getBoundingClientRect();
    // A MouseEvent's clientX is a whole number; recharts rounds clientX - left: this lands on `col` exactly.
    const clientX = Math.round(box.left + MARGIN.left + Y_AXIS_WIDTH + col);
    const clientY = Math.round(box.top + MARGIN.top + 8);
    // mouseout to outside the chart is what React turns into the chart's onMouseLeave.
    wrapper.dispatchEvent(
      new MouseEvent(type, { bubbles: true, clientX, clientY, relatedTarget: type === 'mouseout' ? document.body : null }),
    );
  }, []);

  const clear = () => {
    if (column !== null) pointAt('mouseout', column);
    setColumn(null);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const big = Math.max(1, Math.round(columns / 10));
    const from = column ?? (e.key === 'ArrowLeft' ? columns + 1 : -1);
    const next =
      e.key === 'ArrowRight'
        ? from + (e.shiftKey ? big : 1)
        : e.key === 'ArrowLeft'
          ? from - (e.shiftKey ? big : 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? columns
              : null;
    if (e.key === 'Escape') return clear();
    if (next === null) return;
    e.preventDefault();
    const col = Math.min(Math.max(next, 0), columns);
    setColumn(col);
    pointAt('mousemove', col);
  };

  return { ref, column, onKeyDown, clear };
}
