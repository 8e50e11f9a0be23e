/*
 * Nortech keeps its newest day in hot storage, which cannot be downloaded yet (its Python SDK says
 * "Hot storage is not available for download yet" and cuts the window): an export of a window that
 * reaches into the last day gets nothing after that line.
 */

export const HOT_STORAGE_MS = 86_400_000;

/** Where downloadable data ends now, when the window's end is past it; null when the window is all downloadable. */
export function hotStorageCut(windowEndMs: number, nowMs: number): number | null {
  const cut = nowMs - HOT_STORAGE_MS;
  return windowEndMs > cut ? cut : null;
}
