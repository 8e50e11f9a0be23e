import type { JobStatus } from '../../../../src-preload/contract';
import { formatBytes, formatCount } from '../../lib/format';

const stageText: Record<JobStatus['stage'], string> = {
  requesting: 'Asking the API for the data…',
  downloading: 'Downloading…',
  decoding: 'Reading the file…',
  ready: 'Ready.',
  failed: 'Failed.',
  cancelled: 'Export cancelled.',
};

/** The job's stage in words and, while downloading, a bar with the bytes so far. */
export function JobProgress({ status }: { status: JobStatus }) {
  const { stage, bytesDone, bytesTotal, result } = status;
  const running = stage === 'requesting' || stage === 'downloading' || stage === 'decoding';
  const determinate = stage === 'downloading' && bytesTotal !== undefined && bytesTotal > 0;
  return (
    <div className="job-progress" data-stage={stage}>
      <p role="status" aria-live="polite">
        <span className="stage">{stageText[stage]}</span>
        {stage === 'downloading' && bytesDone !== undefined && (
          <span>
            {' '}
            {formatBytes(bytesDone)}
            {bytesTotal ? ` of ${formatBytes(bytesTotal)}` : ''}
          </span>
        )}
        {stage === 'ready' && result && (
          <span>
            {' '}
            {formatCount(result.rowCount)} rows, {formatBytes(result.fileBytes)} ({result.format}).
          </span>
        )}
      </p>
      {running && (
        <progress aria-label="Export progress" max={determinate ? bytesTotal : undefined} value={determinate ? bytesDone : undefined} />
      )}
    </div>
  );
}
