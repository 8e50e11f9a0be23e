import { useQuery } from '@tanstack/react-query';
import { formatCount, formatDuration } from '../../lib/format';
import { formatReadable } from '../../lib/zoned-time';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { statsQuery } from './api';

const num = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const n = (v: number | null) => (v === null ? '–' : num.format(v));

/** Per signal: how many values, nulls, range, mean, first and last, and the longest gap. */
export function StatsView({ jobId, zone }: { jobId: string; zone: string }) {
  const stats = useQuery(statsQuery(jobId));
  if (stats.isError) return <ErrorAlert error={stats.error} title="Could not compute statistics." />;
  if (!stats.data)
    return (
      <p className="muted" role="status">
        Computing statistics…
      </p>
    );
  const t = (ms: number | null) => (ms === null ? '–' : formatReadable(ms, zone, { seconds: true }));
  return (
    <div className="table-scroll">
      <table aria-label="Statistics">
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
            <th scope="col">Largest gap</th>
          </tr>
        </thead>
        <tbody>
          {stats.data.map((s) => (
            <tr key={s.column}>
              <th scope="row">{s.column}</th>
              <td className="num">{formatCount(s.count)}</td>
              <td className="num">{formatCount(s.nulls)}</td>
              <td className="num">{n(s.min)}</td>
              <td className="num">{n(s.max)}</td>
              <td className="num">{n(s.mean)}</td>
              <td>{t(s.firstTimestamp)}</td>
              <td>{t(s.lastTimestamp)}</td>
              <td>{s.largestGap ? `${formatDuration(s.largestGap.ms)} from ${t(s.largestGap.from)}` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
