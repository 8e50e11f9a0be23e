import { describeValues, type HistoryEntry } from '../../../../src-preload/contract';
import { formatBytes, formatCount, plural } from '../../lib/format';
import { formatReadable } from '../../lib/zoned-time';

const outcomeText: Record<HistoryEntry['outcome'], string> = {
  running: 'Running',
  ready: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** Why an export stopped before its end, in the user's words. */
function whyStopped(e: HistoryEntry): string | null {
  if (e.outcome === 'cancelled') return 'You cancelled it.';
  if (e.outcome === 'interrupted') return 'The app closed before it finished.';
  return null;
}

/** At most this many request IDs in the line; all of them one click away. */
const SHOWN_IDS = 6;

interface Props {
  entry: HistoryEntry;
  zone: string;
  onPreview(): void;
  onResume(): void;
  onRerun(): void;
  onRemove(): void;
}

/** One past export: its outcome and why, what it asked for, its chunks and Nortech request IDs, and what can be done with it. */
export function HistoryItem({ entry: e, zone, onPreview, onResume, onRerun, onRemove }: Props) {
  const names = e.request.signals.map((s) => s.rename).join(', ');
  const why = whyStopped(e);
  const chunksKept = (e.chunks?.done ?? 0) > 0;
  // A stopped export's kept chunks preview too (`cached` says so only of ready ones; `resumable`
  // means its chunks are still on disk).
  const canOpen = (e.cached && e.outcome === 'ready') || (e.resumable && chunksKept);
  const ids = e.requestIds;
  return (
    <li aria-label={`${outcomeText[e.outcome]} export of ${formatReadable(e.startedAt, zone)}`}>
      <div>
        <strong>{outcomeText[e.outcome]}</strong> <span className="muted">{formatReadable(e.startedAt, zone)}</span>
        <div className="small">
          {plural(e.request.signals.length, 'signal')}: {names.length > 120 ? `${names.slice(0, 120)}…` : names}
        </div>
        <div className="small muted">
          {formatReadable(Date.parse(e.request.timeWindow.start), zone)} → {formatReadable(Date.parse(e.request.timeWindow.end), zone)} ·{' '}
          {e.request.format}
          {e.request.values.kind === 'every' && ` · ${describeValues(e.request.values)}`}
          {e.rowCount !== undefined && ` · ${formatCount(e.rowCount)} rows`}
          {e.fileBytes !== undefined && ` · ${formatBytes(e.fileBytes)}`}
        </div>
        <div className="small muted" data-testid="history-chunks">
          {e.chunks && `${formatCount(e.chunks.done)} of ${plural(e.chunks.total, 'chunk')} done`}
          {e.chunks && ids.length > 0 && ' · '}
          {ids.length > 0 && (
            <span title={ids.join(', ')}>
              Nortech request {ids.length === 1 ? 'ID' : 'IDs'} {ids.slice(0, SHOWN_IDS).join(', ')}
              {ids.length > SHOWN_IDS && `, … (${formatCount(ids.length)} in all)`}
            </span>
          )}
        </div>
        {why && <div className="small">{why}</div>}
        {e.error && (
          <div className="small field-error">
            {e.error.message}
            {e.error.details?.hint && <span className="muted"> {e.error.details.hint}</span>}
          </div>
        )}
        {e.resumable && chunksKept && <div className="small">Its finished chunks are kept: Resume asks Nortech only for the rest.</div>}
      </div>
      <div className="button-row">
        {canOpen && (
          <button type="button" onClick={onPreview}>
            Open preview
          </button>
        )}
        {e.resumable && (
          <button type="button" className="primary" onClick={onResume}>
            Resume
          </button>
        )}
        <button type="button" onClick={onRerun}>
          Re-run
        </button>
        <button type="button" aria-label="Remove from history" onClick={onRemove}>
          Remove
        </button>
      </div>
    </li>
  );
}
