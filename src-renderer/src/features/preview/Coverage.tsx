import { useQuery } from '@tanstack/react-query';
import type { SignalStats } from '../../../../src-preload/contract';
import { formatReadable } from '../../lib/zoned-time';
import { statsQuery } from './api';

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

/** "every signal 100 %", "lowest 62 % (Wind Speed)". */
function coverageSummary(stats: readonly SignalStats[]): string {
  const known = stats.filter((s): s is SignalStats & { coverage: number } => s.coverage !== null);
  if (!known.length) return 'no data yet';
  const lowest = known.reduce((a, b) => (b.coverage < a.coverage ? b : a));
  if (lowest.coverage >= 0.9995) return `${percent.format(1)} for every signal`;
  return `lowest ${percent.format(lowest.coverage)} (${lowest.column})`;
}

/**
 * How much of the window each signal has data for, beside the preview: first and last timestamp
 * and the share covered, from the chunks in so far. Folded to one line until opened.
 */
export function Coverage({ jobId, zone, chunksDone, following }: { jobId: string; zone: string; chunksDone: number; following: boolean }) {
  const stats = useQuery(statsQuery(jobId, chunksDone));
  const rows = stats.data?.stats ?? [];
  const t = (ms: number | null) => (ms === null ? '–' : formatReadable(ms, zone, { seconds: true }));
  return (
    <details className="coverage">
      <summary>
        Coverage: <span data-testid="coverage-summary">{stats.data ? coverageSummary(rows) : 'computing…'}</span>
        {following && stats.data && ' of the part of the window loaded so far'}
      </summary>
      {stats.isError && (
        <p className="field-error" role="alert">
          {stats.error.message}
        </p>
      )}
      {rows.length > 0 && (
        <table aria-label="Coverage" className="coverage-table">
          <thead>
            <tr>
              <th scope="col">Signal</th>
              <th scope="col">First value</th>
              <th scope="col">Last value</th>
              <th scope="col">Coverage</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.column}>
                <th scope="row">{s.column}</th>
                <td>{t(s.firstTimestamp)}</td>
                <td>{t(s.lastTimestamp)}</td>
                <td className="num">{s.coverage === null ? '–' : percent.format(s.coverage)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
