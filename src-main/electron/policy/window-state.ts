import { z } from 'zod';
import { DEFAULT_SIZE, MIN_SIZE, type WindowBounds } from './window-size';

/** What we remember of the window between runs (`window-state.json` in the data folder). */
export const WindowState = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() }),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

/** A display's usable area (without task bar or menu bar), as Electron's `screen` reports it. */
export type WorkArea = WindowBounds;

function overlap(a: WindowBounds, b: WindowBounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clampInt = (v: number, lo: number, hi: number) => Math.round(Math.min(Math.max(v, lo), Math.max(lo, hi)));

/** Fits a rectangle inside a work area: shrunk to fit, then moved in. */
function fitInside(b: WindowBounds, area: WorkArea): WindowBounds {
  const width = clampInt(b.width, Math.min(MIN_SIZE.width, area.width), area.width);
  const height = clampInt(b.height, Math.min(MIN_SIZE.height, area.height), area.height);
  return {
    width,
    height,
    x: clampInt(b.x, area.x, area.x + area.width - width),
    y: clampInt(b.y, area.y, area.y + area.height - height),
  };
}

function centred(area: WorkArea): WindowBounds {
  const width = Math.min(DEFAULT_SIZE.width, area.width);
  const height = Math.min(DEFAULT_SIZE.height, area.height);
  return { width, height, x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2) };
}

/**
 * Where to open the window: the remembered place, moved fully onto the display it mostly sat on;
 * if it sits on none (a monitor was unplugged, the resolution changed), centred on the primary.
 * `displays[0]` is the primary display.
 */
export function restoreBounds(saved: WindowState | null, displays: WorkArea[]): { bounds: WindowBounds; maximized: boolean } | null {
  const primary = displays[0];
  if (!primary) return null;
  if (!saved) return { bounds: centred(primary), maximized: false };
  let best: WorkArea | null = null;
  let bestArea = 0;
  for (const area of displays) {
    const o = overlap(saved.bounds, area);
    if (o > bestArea) [best, bestArea] = [area, o];
  }
  return { bounds: best ? fitInside(saved.bounds, best) : centred(primary), maximized: saved.maximized };
}
