/*
 * Text formats spend much of their time turning timestamps into ISO 8601. Date#toISOString costs
 * an allocation and a calendar computation per row; rows come in ascending order, so the date part
 * is cached per day and the time part built from lookup tables.
 */

const DAY_MS = 86_400_000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const PAD2 = Array.from({ length: 60 }, (_, i) => pad(i, 2));
const PAD3 = Array.from({ length: 1000 }, (_, i) => pad(i, 3));

/** A formatter of epoch ms to `YYYY-MM-DDTHH:mm:ss.sssZ` (what toISOString gives for 0000-9999). */
export function isoFormatter(): (ms: number) => string {
  let cachedDay = Number.NaN;
  let prefix = '';
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    if (day !== cachedDay) {
      cachedDay = day;
      prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    }
    let r = ms - day * DAY_MS;
    const h = Math.floor(r / 3_600_000);
    r -= h * 3_600_000;
    const m = Math.floor(r / 60_000);
    r -= m * 60_000;
    const s = Math.floor(r / 1000);
    const frac = Math.floor(r - s * 1000);
    return `${prefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[frac]}Z`;
  };
}
