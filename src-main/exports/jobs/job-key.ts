import type { ExportRequest } from '../../../src-preload/contract';

/** Two requests with the same key ask for the same data: the second joins the first while it runs. */
export function jobKey(req: ExportRequest): string {
  return JSON.stringify([
    req.connectionId,
    req.format,
    Date.parse(req.timeWindow.start),
    Date.parse(req.timeWindow.end),
    req.signals.map((s) => [s.id, s.rename]),
    req.values,
  ]);
}
