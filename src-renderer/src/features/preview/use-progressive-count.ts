import { useEffect, useState } from 'react';

/**
 * How many of `total` items to mount now: one more per animation frame, so drawing ten charts is
 * ten short tasks the window stays responsive between, not one long freeze. Once mounted, an item
 * stays: new data updates it in place.
 */
export function useProgressiveCount(total: number): number {
  const [count, setCount] = useState(1);
  useEffect(() => {
    if (count >= total) return;
    const id = requestAnimationFrame(() => setCount((c) => c + 1));
    return () => cancelAnimationFrame(id);
  }, [count, total]);
  return Math.min(count, total);
}
