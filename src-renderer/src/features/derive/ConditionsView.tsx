import { useQuery } from '@tanstack/react-query';
import type { ConditionPeriods, TimeRange } from '../../../../src-preload/contract';
import { formatCount, formatDuration, plural } from '../../lib/format';
import { formatWallTime } from '../../lib/zoned-time';
import { conditionsQuery } from './api';

/*
 * The conditions of the export shown: for each, its periods as bands over the export's window (a
 * band from each period's start to its end), its statistics (time true, how many periods, the
 * longest) and a table of the periods, from the chunks in so far.
 */

interface Props {
  jobId: string;
  chunksDone: number;
  window: TimeRange;
  zone: string;
}

const number = (x: number | null) => (x === null ? '–' : x.toLocaleString(undefined, { maximumFractionDigits: 4 }));

function Bands({ condition, window }: { condition: ConditionPeriods; window: TimeRange }) {
  const span = Math.max(1, window.end - window.start);
  const x = (t: number) => ((t - window.start) / span) * 1000;
  return (
    <svg className="condition-bands" viewBox="0 0 1000 16" preserveAspectRatio="none" role="img" aria-label={`Bands of ${condition.name}`}>
      <rect x={0} y={0} width={1000} height={16} className="condition-track" />
      {condition.periods.map((p, i) => (
        <rect
          key={i}
          data-band=""
          x={x(p.start)}
          y={0}
          width={Math.max(0.5, x(p.end) - x(p.start))}
          height={16}
          className="condition-band"
        />
      ))}
    </svg>
  );
}

export function ConditionsView({ jobId, chunksDone, window, zone }: Props) {
  const answer = useQuery(conditionsQuery(jobId, chunksDone));
  if (!answer.data?.conditions.length) return null;
  return (
    <section className="conditions-view" aria-label="Conditions">
      <h3>Conditions</h3>
      {answer.data.conditions.map((c) => (
        <div key={c.name} className="condition">
          <h4>{c.name}</h4>
          <Bands condition={c} window={window} />
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
