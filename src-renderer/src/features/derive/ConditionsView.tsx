import { useQuery } from '@tanstack/react-query';
import { formatCount, formatDuration, plural } from '../../lib/format';
import { formatWallTime } from '../../lib/zoned-time';
import { conditionsQuery } from './api';

/*
 * The conditions of the export shown (their periods are bands on the preview's charts, app/
 * PreviewPane gives them): for each, its statistics (time true, how many periods, the
 * longest) and a table of the periods, from the chunks in so far.
 */

interface Props {
  jobId: string;
  chunksDone: number;
  zone: string;
}

const number = (x: number | null) => (x === null ? '–' : x.toLocaleString(undefined, { maximumFractionDigits: 4 }));

export function ConditionsView({ jobId, chunksDone, zone }: Props) {
  const answer = useQuery(conditionsQuery(jobId, chunksDone));
  if (!answer.data?.conditions.length) return null;
  return (
    <section className="conditions-view" aria-label="Conditions">
      <h3>Conditions</h3>
      {answer.data.conditions.map((c) => (
        <div key={c.name} className="condition">
          <h4>{c.name}</h4>
          <p className="condition-summary">
            {plural(c.summary.periods, 'period')}, true for {formatDuration(c.summary.trueMs)}
            {c.summary.longest &&
              `, longest ${formatDuration(c.summary.longest.durationMs)} from ${formatWallTime(c.summary.longest.start, zone)}`}
          </p>
          <table aria-label={`Periods of ${c.name}`}>
            <thead>
              <tr>
                <th>Start</th>
                <th>End</th>
                <th>Duration</th>
                <th>Min</th>
                <th>Max</th>
                <th>Mean</th>
              </tr>
            </thead>
            <tbody>
              {c.periods.slice(0, 200).map((p, i) => (
                <tr key={i}>
                  <td>{formatWallTime(p.start, zone)}</td>
                  <td>{formatWallTime(p.end, zone)}</td>
                  <td>{formatDuration(p.durationMs)}</td>
                  <td>{number(p.min)}</td>
                  <td>{number(p.max)}</td>
                  <td>{number(p.mean)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.periods.length > 200 && <p className="muted small">The first 200 of {formatCount(c.summary.periods)} periods.</p>}
        </div>
      ))}
    </section>
  );
}
