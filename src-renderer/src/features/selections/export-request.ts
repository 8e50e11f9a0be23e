import type { ExportRequest } from '../../../../src-preload/contract';
import { hasDerivations } from '../../../../src-preload/contract/derive';
import type { WeekStart } from '../../../../src-preload/contract/time-expressions';
import { formatWallTime } from '../../lib/zoned-time';
import type { SelectionValues } from './form-schema';
import { readWindow, type WindowReading } from './time-window';
import { toValues, valuesInputOf } from './values-form';

/**
 * The export a selection asks for. Relative windows are read at this moment, so "last hour" means
 * the last hour now (and "this week" starts on the Settings' day); an aggregation's buckets follow the wall clock of the window's zone.
 */
export function toExportRequest(
  values: SelectionValues,
  connectionId: string,
  at: { nowMs?: number; weekStart?: WeekStart } = {},
): { ok: true; request: ExportRequest } | Extract<WindowReading, { ok: false }> {
  const window = readWindow(values.window, at.nowMs ?? Date.now(), at.weekStart);
  if (!window.ok) return window;
  return {
    ok: true,
    request: {
      connectionId,
      signals: values.signals,
      timeWindow: { start: window.start, end: window.end },
      format: values.format,
      values: toValues(values.values, values.window.timeZone),
      ...(hasDerivations(values.derivations) ? { derivations: values.derivations } : {}),
    },
  };
}

/**
 * A past export back in the form: its instants written as absolute times in the zone the user
 * works in, or, for an aggregation, in the zone its buckets followed (so that exporting it again
 * asks for the same buckets).
 */
export function selectionOfRequest(request: ExportRequest, zone: string): SelectionValues {
  const shownZone = request.values.kind === 'every' ? request.values.timeZone : zone;
  const at = (iso: string) => formatWallTime(Date.parse(iso), shownZone);
  return {
    signals: request.signals,
    window: { start: at(request.timeWindow.start), end: at(request.timeWindow.end), timeZone: shownZone },
    values: valuesInputOf(request.values),
    format: request.format,
    derivations: request.derivations ?? { derived: [], conditions: [] },
  };
}
