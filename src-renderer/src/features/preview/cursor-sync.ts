import type { MouseHandlerDataParam, TickItem } from 'recharts';

/** Every chart of the preview shares one cursor. */
export const SYNC_ID = 'preview';

/**
 * recharts' `syncMethod`: the cursor of another chart stands at an instant (its label); stand at
 * this chart's tooltip tick nearest in time. Every chart has a tick at the centre of each pixel
 * column (its cursor grid), so the cursors line up to the pixel whatever each chart's own points.
 */
export function nearestByTime(ticks: ReadonlyArray<TickItem>, data: MouseHandlerDataParam): number {
  const t = Number(data.activeLabel);
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < ticks.length; i++) {
    const d = Math.abs(Number(ticks[i]!.value) - t);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}
