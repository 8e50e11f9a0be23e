import { useQuery } from '@tanstack/react-query';
import type { SignalStats } from '../../../../src-preload/contract';
import { formatCount, formatDuration } from '../../lib/format';
import { useOverflows } from '../../lib/use-overflows';
import { formatWallTime } from '../../lib/zoned-time';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { statsQuery } from './api';
import { chunksInText } from './chunk-count';

const num = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const n = (v: number | null) => (v === null ? '–' : num.format(v));
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

/**
 * Per signal: how many values, nulls, range, mean, first and last, the longest gap and the
 * coverage, from the chunks in so far. Scrolls inside its panel with the signal's name kept in
 * view; the scrolling region takes the keyboard focus.
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
  const [ref, scrolls] = useOverflows<HTMLDivElement>();
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
  // Date and time wrap apart, so that the table fits a narrow panel.
  const t = (ms: number | null) => {
    if (ms === null) return '–';
    const [date, time] = formatWallTime(ms, zone).split(' ');
    return (
      <>
        <span>{date}</span> <span>{time}</span>
      </>
    );
  };
  return (
    <>
      {partial && (
        <p className="muted small" data-testid="stats-chunks">
          From {partial} so far.
        </p>
      )}
      <div
        ref={ref}
        className="table-scroll stats-scroll"
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
              <th scope="col">Longest gap</th>
              <th scope="col">Coverage</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.column}>
                <th scope="row">{s.column}</th>
                <td className="num">{formatCount(s.count)}</td>
                <td className="num">{formatCount(s.nulls)}</td>
                <td className="num">{n(s.min)}</td>
                <td className="num">{n(s.max)}</td>
                <td className="num">{n(s.mean)}</td>
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
