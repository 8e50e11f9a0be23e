import type { JobStatus } from '../../../../src-preload/contract';
import { formatBytes, formatCount, formatDuration } from '../../lib/format';

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

/**
 * The job in words: while it runs, the share done, chunks done of planned, rows and bytes so far,
 * the time left and which chunks are being tried again and why; once ready, what it holds.
 */
export function JobProgress({ status }: { status: JobStatus }) {
  const { stage, progress: p, result } = status;
  const running = stage === 'running';
  const pct = Math.floor(p.fraction * 100);
  return (
    <div className="job-progress" data-stage={stage}>
      <p role="status" aria-live="polite">
        <span className="stage">{running ? phaseText[p.phase] : stageText[stage]}</span>
        {running && p.phase !== 'planning' && (
          <span data-testid="job-progress-facts">
            {' '}
            {pct}% · {p.chunksDone} of {p.chunksTotal} chunk{p.chunksTotal === 1 ? '' : 's'} · {formatCount(p.rows)} rows ·{' '}
            {formatBytes(p.bytes)}
            {p.etaMs !== null ? ` · about ${formatDuration(p.etaMs)} left` : ''}
          </span>
        )}
        {stage === 'ready' && result && (
          <span>
            {' '}
            {formatCount(result.rowCount)} rows, {formatBytes(result.fileBytes)} ({result.format}
            {result.requestIds.length > 1 ? `, ${result.requestIds.length} requests` : ''}).
          </span>
        )}
        {(stage === 'cancelled' || stage === 'interrupted' || stage === 'failed') && p.chunksDone > 0 && (
          <span>
            {' '}
            {p.chunksDone} of {p.chunksTotal} chunks are kept: Resume goes on from there.
          </span>
        )}
      </p>
      {running && <progress aria-label="Export progress" max={1} value={p.phase === 'planning' ? undefined : p.fraction} />}
      {running && p.retrying.length > 0 && (
        <ul className="job-retries small">
          {p.retrying.map((r) => (
            <li key={`${r.index}:${r.attempt}`}>
              Chunk {r.index + 1}, try {r.attempt}: {r.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
