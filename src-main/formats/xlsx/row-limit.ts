import { describeInterval } from '../../../src-preload/contract/aggregation';
import { countBuckets, proposeInterval } from '../../transform/bucket-grid';

/*
 * Excel's sheet holds 1,048,576 rows: a header and 1,048,575 rows of data. An export that cannot
 * fit is refused before anything is written, saying how many rows it has and which interval of
 * aggregation would fit.
 */

export const EXCEL_MAX_DATA_ROWS = 1_048_575;

const n = (x: number) => x.toLocaleString('en-US');

export class XlsxRowLimitError extends Error {
  override name = 'XlsxRowLimitError';
  constructor(
    readonly rows: number,
    /** The smallest common interval that fits (`1m`), or null. */
    readonly proposal: string | null,
    readonly proposalRows: number | null,
  ) {
    super(
      `Excel holds at most ${n(EXCEL_MAX_DATA_ROWS)} rows of data; this export has ${n(rows)}. ` +
        (proposal
          ? `Aggregated every ${describeInterval(proposal)} (${proposal}) it would have at most ${n(proposalRows!)}: choose that interval or a longer one, or save as parquet or csv.`
          : 'Save it as parquet or csv, or export a shorter window.'),
    );
  }
}

export interface RowLimitFacts {
  /** The rows the file would hold (for an aggregation: its bucket count, an upper bound). */
  rows: number;
  /** The export's window, to propose an interval. */
  window: { start: number; end: number };
  timeZone: string;
}

/** Throws XlsxRowLimitError when the rows cannot fit one sheet. */
export function checkXlsxRows({ rows, window, timeZone }: RowLimitFacts): void {
  if (rows <= EXCEL_MAX_DATA_ROWS) return;
  const proposal = proposeInterval(window, timeZone, EXCEL_MAX_DATA_ROWS);
  throw new XlsxRowLimitError(rows, proposal, proposal ? countBuckets(window, proposal, timeZone) : null);
}
