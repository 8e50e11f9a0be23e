import type { ExportRequest } from '../../../../src-preload/contract';
import { formatWallTime } from '../../lib/zoned-time';
import type { SelectionValues } from './form-schema';
import { readWindow, type WindowReading } from './time-window';

/**
 * The export a selection asks for. Relative windows are read at this moment, so "last hour" means
 * the last hour now.
 */
export function toExportRequest(
  values: SelectionValues,
  connectionId: string,
  nowMs: number = Date.now(),
): { ok: true; request: ExportRequest } | Extract<WindowReading, { ok: false }> {
  const window = readWindow(values.window, nowMs);
  if (!window.ok) return window;
  return {
    ok: true,
    request: { connectionId, signals: values.signals, timeWindow: { start: window.start, end: window.end }, format: values.format },
  };
}

/** A past export back in the form: its instants written as absolute times in the zone the user works in. */
export function selectionOfRequest(request: ExportRequest, zone: string): SelectionValues {
  const at = (iso: string) => formatWallTime(Date.parse(iso), zone);
  return {
    signals: request.signals,
    window: { start: at(request.timeWindow.start), end: at(request.timeWindow.end), timeZone: zone },
    format: request.format,
  };
}
