import type { JobStatus } from '../../../../src-preload/contract';
import { describeValues } from '../../../../src-preload/contract';
import { formatBytes, formatCount, formatDuration, plural } from '../../lib/format';
import { formatReadable } from '../../lib/zoned-time';

const stageText: Record<JobStatus['stage'], string> = {
  running: 'Exporting…',
  ready: 'Ready.',
  failed: 'Failed.',
  cancelled: 'Export cancelled.',
  interrupted: 'Interrupted: the app closed before this export finished.',
};

const phaseText: Record<JobStatus['progress']['phase'], string> = {
  planning: 'Measuring the data (a first small chunk)…',
  exporting: 'Exporting…',
  finishing: 'Finishing…',
};

/** `3 of 40 chunks`. */
export const chunksText = (done: number, total: number) => `${formatCount(done)} of ${plural(total, 'chunk')}`;

/**
 * The job in words: while it runs, the share done, chunks done of planned, rows and bytes so far,
 * the time left and which chunks are being tried again and why; once stopped, what is kept for
 * Resume; once ready, what it holds.
 */
export function JobProgress({ status, zone }: { status: JobStatus; zone: string }) {
  const { stage, progress: p, result } = status;
  const running = stage === 'running';
  const stopped = stage === 'cancelled' || stage === 'interrupted' || stage === 'failed';
  const pct = Math.floor(p.fraction * 100);
  const slice = (s: { start: number; end: number }) => `${formatReadable(s.start, zone)} → ${formatReadable(s.end, zone)}`;
  return (
    <div className="job-progress" data-stage={stage}>
      <p role="status" aria-live="polite">
        <span className="stage">{running ? phaseText[p.phase] : stageText[stage]}</span>
        {running && (
          <span data-testid="job-progress-facts">
            {' '}
            {pct}% · {chunksText(p.chunksDone, p.chunksTotal)} · {formatCount(p.rows)} rows · {formatBytes(p.bytes)}
            {p.etaMs !== null ? ` · about ${formatDuration(p.etaMs)} left` : ''}
          </span>
        )}
        {stage === 'ready' && result && (
          <span>
            {' '}
            {formatCount(result.rowCount)} rows, {formatBytes(result.fileBytes)} ({result.format}
            {result.requestIds.length > 1 ? `, ${formatCount(result.requestIds.length)} requests` : ''}).
          </span>
        )}
        {stopped && p.chunksDone > 0 && (
          <span>
            {' '}
            {chunksText(p.chunksDone, p.chunksTotal)} are kept ({formatCount(p.rows)} rows): Resume goes on from there.
          </span>
        )}
      </p>
      {running && (
        <progress aria-label="Export progress" max={1} value={p.phase === 'planning' && p.fraction === 0 ? undefined : p.fraction} />
      )}
      {status.request.values.kind === 'every' && <p className="muted small">{describeValues(status.request.values)}</p>}
      {running && p.retrying.length > 0 && (
        <ul className="job-retries small" aria-label="Chunks tried again">
          {p.retrying.map((r) => (
            <li key={`${r.index}:${r.attempt}`}>
              Chunk {r.index + 1} ({slice(r.slice)}), try {r.attempt}: {r.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
