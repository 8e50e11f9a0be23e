import type { KeyboardEvent, PointerEvent } from 'react';

interface Props {
  /** What it resizes, e.g. "Browse": its name is "Resize Browse". */
  label: string;
  /** The pane's width now, and the widths it may take, in CSS pixels. */
  value: number;
  min: number;
  max: number;
  /** Called with the width asked for (dragging, or the arrow keys: 16 px, Shift 64 px). */
  onResize(width: number): void;
  /** Enter: fold or unfold the pane (the WAI-ARIA window splitter's toggle). */
  onToggle?(): void;
}

/**
 * The border between two panes, which moves: drag it, or focus it and use the arrow keys. It is
 * the WAI-ARIA window splitter (a focusable separator with a value).
 */
export function Splitter({ label, value, min, max, onResize, onToggle }: Props) {
  const clamp = (w: number) => Math.min(Math.max(Math.round(w), min), max);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const x0 = e.clientX;
    const w0 = value;
    const move = (m: globalThis.PointerEvent) => onResize(clamp(w0 + m.clientX - x0));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 64 : 16;
    const next =
      e.key === 'ArrowLeft' ? value - step : e.key === 'ArrowRight' ? value + step : e.key === 'Home' ? min : e.key === 'End' ? max : null;
    if (e.key === 'Enter' && onToggle) {
      e.preventDefault();
      onToggle();
      return;
    }
    if (next === null) return;
    e.preventDefault();
    onResize(clamp(next));
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${label}`}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
