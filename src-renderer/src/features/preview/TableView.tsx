import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { parseTimeExpression } from '../../../../src-preload/contract/time-expressions';
import { formatCount } from '../../lib/format';
import { useOverflows } from '../../lib/use-overflows';
import { formatWallTime, ianaZone } from '../../lib/zoned-time';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { rowsQuery, type RowsFrom } from './api';

const PAGE = 100;

interface Props {
  jobId: string;
  zone: string;
  /** More chunks may still arrive: the page is read again now and then. */
  following: boolean;
}

/**
 * The rows of the export, a page at a time, timestamps in the window's zone. "Go to time" opens
 * the page that starts at the first row at or after an instant; the main process seeks by time or
 * row number in the chunks' stores, so the last page of a year opens as fast as the first.
 */
export function TableView({ jobId, zone, following }: Props) {
  const [from, setFrom] = useState<RowsFrom>({ offset: 0 });
  const [timeText, setTimeText] = useState('');
  const [timeError, setTimeError] = useState<string | null>(null);
  const page = useQuery(rowsQuery(jobId, from, PAGE, following));
  const [ref, scrolls] = useOverflows<HTMLDivElement>();
  const ids = { time: useId(), error: useId() };

  const goToTime = (e: FormEvent) => {
    // React bubbles submits through the tree: keep this one away from the export form.
    e.preventDefault();
    e.stopPropagation();
    const read = parseTimeExpression(timeText, Date.now(), ianaZone(zone));
    if (!read.ok) return setTimeError(read.message);
    setTimeError(null);
    setFrom({ at: read.ms });
  };

  if (page.isError) return <ErrorAlert error={page.error} title="Could not read the rows." />;
  if (!page.data)
    return (
      <p className="muted" role="status">
        Loading rows…
      </p>
    );
  const { columns, rows, total, offset } = page.data;
  const last = Math.min(offset + rows.length, total);
  const lastPage = Math.max(0, total - PAGE);
  const cell = (v: unknown, col: number) => {
    if (v === null || v === undefined) return '';
    if (col === 0 && typeof v === 'number') return formatWallTime(v, zone);
    return String(v);
  };
  return (
    <div className="table-view">
      <div className="button-row">
        <button type="button" disabled={offset === 0} onClick={() => setFrom({ offset: 0 })}>
          First page
        </button>
        <button type="button" disabled={offset === 0} onClick={() => setFrom({ offset: Math.max(0, offset - PAGE) })}>
          Previous page
        </button>
        <button type="button" disabled={last >= total} onClick={() => setFrom({ offset: offset + PAGE })}>
          Next page
        </button>
        <button type="button" disabled={last >= total} onClick={() => setFrom({ offset: lastPage })}>
          Last page
        </button>
        <span className="muted small" role="status" data-testid="rows-shown">
          {total === 0 ? 'No rows' : `Rows ${formatCount(Math.min(offset + 1, total))}–${formatCount(last)} of ${formatCount(total)}`}
        </span>
      </div>
      <form className="button-row go-to-time" onSubmit={goToTime} noValidate>
        <label htmlFor={ids.time}>Go to time</label>
        <input
          id={ids.time}
          value={timeText}
          onChange={(e) => setTimeText(e.target.value)}
          placeholder="2026-11-10 06:00"
          aria-invalid={!!timeError}
          aria-describedby={timeError ? ids.error : undefined}
          spellCheck={false}
          autoComplete="off"
        />
        <button type="submit">Go</button>
        {timeError && (
          <span id={ids.error} className="field-error" role="alert">
            {timeError}
          </span>
        )}
      </form>
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
