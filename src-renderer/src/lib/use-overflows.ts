import { useEffect, useState } from 'react';

/**
 * Whether an element's content is taller or wider than the element, so that it scrolls: such a
 * region must take the keyboard focus (WCAG 2.1.1), and one that does not scroll need not. Returns
 * the ref to put on the element (a callback: it may appear after a loading state), the answer, and
 * whether it is wider than it shows (what is cut off to the right deserves a cue).
 */
export function useOverflows<T extends HTMLElement>(): [(el: T | null) => void, boolean, boolean] {
  const [el, setEl] = useState<T | null>(null);
  const [overflows, setOverflows] = useState(false);
  const [sideways, setSideways] = useState(false);
  useEffect(() => {
    if (!el) return;
    const check = () => {
      const wide = el.scrollWidth > el.clientWidth + 1;
      setOverflows(el.scrollHeight > el.clientHeight + 1 || wide);
      setSideways(wide);
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    return () => observer.disconnect();
  }, [el]);
  return [setEl, overflows, sideways];
}
