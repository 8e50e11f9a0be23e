import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { formatCount } from '../../lib/format';
import { useOverflows } from '../../lib/use-overflows';
import { formatWallTime } from '../../lib/zoned-time';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { rowsQuery } from './api';

const PAGE = 100;

/** The rows of the export, a page at a time, timestamps in the window's zone. */
export function TableView({ jobId, zone }: { jobId: string; zone: string }) {
  const [offset, setOffset] = useState(0);
  const page = useQuery(rowsQuery(jobId, offset, PAGE));
  const [ref, scrolls] = useOverflows<HTMLDivElement>();
  if (page.isError) return <ErrorAlert error={page.error} title="Could not read the rows." />;
  if (!page.data)
    return (
      <p className="muted" role="status">
        Loading rows…
      </p>
    );
  const { columns, rows, total } = page.data;
  const last = Math.min(offset + rows.length, total);
  const cell = (v: unknown, col: number) => {
    if (v === null || v === undefined) return '';
    if (col === 0 && typeof v === 'number') return formatWallTime(v, zone);
    return String(v);
  };
  return (
    <div className="table-view">
      <div className="button-row">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Previous page
        </button>
        <button type="button" disabled={last >= total} onClick={() => setOffset(offset + PAGE)}>
          Next page
        </button>
        <span className="muted small" role="status">
          {total === 0 ? 'No rows' : `Rows ${formatCount(offset + 1)}–${formatCount(last)} of ${formatCount(total)}`}
        </span>
      </div>
      <div ref={ref} className="table-scroll" tabIndex={scrolls ? 0 : undefined} role="region" aria-label="Rows, scrollable">
        <table aria-label="Rows">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={offset + i}>
                {r.map((v, j) => (
                  <td key={j} className={typeof v === 'number' && j > 0 ? 'num' : undefined}>
                    {cell(v, j)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
