import { useEffect, useState } from 'react';

/**
 * How many of `total` items to mount now: one more per animation frame, so drawing ten charts is
 * ten short tasks the window stays responsive between, not one long freeze. Starts again from one
 * when `resetKey` changes (new data).
 */
export function useProgressiveCount(total: number, resetKey: unknown): number {
  const [state, setState] = useState({ key: resetKey, count: 1 });
  if (state.key !== resetKey) setState({ key: resetKey, count: 1 });
  const count = state.key === resetKey ? state.count : 1;
  useEffect(() => {
    if (count >= total) return;
    const id = requestAnimationFrame(() => setState((s) => ({ ...s, count: s.count + 1 })));
    return () => cancelAnimationFrame(id);
  }, [count, total]);
  return Math.min(count, total);
}
