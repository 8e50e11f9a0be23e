import type { ExportRequest } from '../../../../src-preload/contract';
import { AppError } from '../../../errors/app-error';
import { checkXlsxRows, XlsxRowLimitError } from '../../../formats/xlsx/row-limit';
import type { Manifest } from '../../manifest/manifest';

const windowOf = (r: ExportRequest) => ({ start: Date.parse(r.timeWindow.start), end: Date.parse(r.timeWindow.end) });

/**
 * Excel holds 1,048,575 rows of data: an aggregation's bucket count is known before anything is
 * asked; raw rows once the probe has measured the data. Past the limit, the export stops before a
 * byte is written, proposing an interval that fits.
 */
export function checkExcelRows(request: ExportRequest, rows: number): void {
  try {
    checkXlsxRows({ rows, window: windowOf(request), timeZone: request.values.kind === 'every' ? request.values.timeZone : 'UTC' });
  } catch (error) {
    if (!(error instanceof XlsxRowLimitError)) throw error;
    throw new AppError('validation', error.message, {
      fields: [{ path: 'output', message: 'More rows than Excel holds' }],
      ...(error.proposal
        ? { hint: `Add --every ${error.proposal} (or choose that interval in the window), or save as parquet or csv.` }
        : {}),
    });
  }
}

/** The raw rows the whole window will hold, estimated from what the probe measured. */
export function checkExcelEstimate(m: Manifest): void {
  if (m.request.values.kind === 'every' || m.measured.rows === 0) return;
  const w = windowOf(m.request);
  checkExcelRows(m.request, Math.round((m.measured.rows / Math.max(1, m.measured.ms)) * (w.end - w.start)));
}
