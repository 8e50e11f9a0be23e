import { useQuery } from '@tanstack/react-query';
import type { SignalStats } from '../../../../src-preload/contract';
import { formatDuration } from '../../lib/format';
import { useOverflows } from '../../lib/use-overflows';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { statsQuery } from './api';
import { chunksInText } from './chunk-count';
import { compactCount, compactValue, sharedDay, tableTime, type Compact } from './stats-format';

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

const Num = ({ v }: { v: Compact }) => (
  <td className="num" title={v.full}>
    {v.text}
  </td>
);

/**
 * Per signal: how many values, nulls, range, mean, first and last, the longest gap and the
 * coverage, from the chunks in so far. Compact (stats-format.ts) so that every column fits the
 * panel beside both side panels on a 1440-px window; narrower, it scrolls inside its panel with the
 * signal's name kept in view, says so above it, and the scrolling region takes the keyboard focus.
 */
export function StatsView({
  jobId,
  zone,
  chunksDone,
  planned,
}: {
  jobId: string;
  zone: string;
  chunksDone: number;
  /** The export's chunks while it runs (null: not planned yet); undefined once complete. */
  planned: number | null | undefined;
}) {
  const stats = useQuery(statsQuery(jobId, chunksDone));
  const [ref, scrolls, sideways] = useOverflows<HTMLDivElement>();
  if (stats.isError) return <ErrorAlert error={stats.error} title="Could not compute statistics." />;
  if (!stats.data)
    return (
      <p className="muted" role="status">
        Computing statistics…
      </p>
    );
  const rows: SignalStats[] = stats.data.stats;
  const { chunks } = stats.data;
  const partial = planned === undefined ? null : chunksInText(chunks.done, planned === null ? null : Math.max(planned, chunks.total));
  // One day for the whole table: said once above it, and the cells show times only.
  const day = sharedDay(
    rows.flatMap((s) => [s.firstTimestamp, s.lastTimestamp, s.largestGap?.from ?? null]),
    zone,
  );
  // Otherwise date and time wrap apart, so that the table fits a narrow panel.
  const t = (ms: number | null) => {
    if (ms === null) return '–';
    const { date, time, full } = tableTime(ms, zone, day);
    return (
      <time title={full}>
        {date && (
          <>
            <span>{date}</span>{' '}
          </>
        )}
        <span>{time}</span>
      </time>
    );
  };
  return (
    <>
      {partial && (
        <p className="muted small" data-testid="stats-chunks">
          From {partial} so far.
        </p>
      )}
      {(day || sideways) && (
        <p className="muted small stats-notes">
          {day && (
            <span data-testid="stats-day">
              Times on {day} ({zone === 'local' ? 'local time' : zone}).
            </span>
          )}
          {sideways && <span className="stats-more">More columns to the right: scroll sideways →</span>}
        </p>
      )}
      <div
        ref={ref}
        className={sideways ? 'table-scroll stats-scroll scrolls-sideways' : 'table-scroll stats-scroll'}
        tabIndex={scrolls ? 0 : undefined}
        role="region"
        aria-label="Statistics, scrollable"
      >
        <table aria-label="Statistics" className="stats-table">
          <thead>
            <tr>
              <th scope="col">Signal</th>
              <th scope="col">Values</th>
              <th scope="col">Nulls</th>
              <th scope="col">Min</th>
              <th scope="col">Max</th>
              <th scope="col">Mean</th>
              <th scope="col">First</th>
              <th scope="col">Last</th>
              <th scope="col" className="wrap">
                Longest gap
              </th>
              <th scope="col">Coverage</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.column}>
                <th scope="row">{s.column}</th>
                <Num v={compactCount(s.count)} />
                <Num v={compactCount(s.nulls)} />
                <Num v={compactValue(s.min)} />
                <Num v={compactValue(s.max)} />
                <Num v={compactValue(s.mean)} />
                <td className="time">{t(s.firstTimestamp)}</td>
                <td className="time">{t(s.lastTimestamp)}</td>
                <td className="time">
                  {s.largestGap ? (
                    <>
                      <strong>{formatDuration(s.largestGap.ms)}</strong> from {t(s.largestGap.from)}
                    </>
                  ) : (
                    '–'
                  )}
                </td>
                <td className="num">{s.coverage === null ? '–' : percent.format(s.coverage)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
