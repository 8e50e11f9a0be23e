import type { ExportRequest, Layout, SaveFormat } from '../../../src-preload/contract';

/*
 * The name "Save…" proposes: the asset (or "signals" when they span several), the window in UTC,
 * the format: `Pump-Station-1_2024-06-01T0000Z_2024-06-02T0000Z.csv`. Safe on every file system.
 */

const stamp = (iso: string) => {
  const d = new Date(iso).toISOString();
  return `${d.slice(0, 10)}T${d.slice(11, 13)}${d.slice(14, 16)}Z`;
};

export function safeFileName(text: string): string {
  // Control characters, the reserved ones of Windows and macOS, and the path separators.
  const cleaned = text
    .replace(/[\p{Cc}<>:"/\\|?*]+/gu, '-')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return cleaned.slice(0, 80) || 'export';
}

/** A dataset folder gets the same name without an extension. */
export function suggestedFileName(
  request: Pick<ExportRequest, 'signals' | 'timeWindow'>,
  format: SaveFormat,
  layout: Layout = 'file',
): string {
  const assets = [...new Set(request.signals.map((s) => s.asset.name))];
  const what = assets.length === 1 ? assets[0]! : 'signals';
  const base = `${safeFileName(what)}_${stamp(request.timeWindow.start)}_${stamp(request.timeWindow.end)}`;
  return layout === 'dataset' ? base : `${base}.${format}`;
}
