import { useMutation } from '@tanstack/react-query';
import type { SaveOutcome } from '../../../../src-preload/contract';
import { useAppInfo } from '../../lib/app-info';
import { invoke } from '../../lib/bridge';
import { formatCount } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** What a save to a file did: where it went (with Show in folder in the desktop app), or the browser's download. */
export function SaveOutcomeNotice({ outcome }: { outcome: SaveOutcome | null }) {
  const info = useAppInfo();
  const show = useMutation({ mutationFn: (path: string) => invoke('exports.showInFolder', { path }) });
  if (outcome?.outcome === 'download') {
    return (
      <p role="status" className="success">
        Your browser is downloading {outcome.fileName}.
      </p>
    );
  }
  if (outcome?.outcome !== 'saved') return null;
  return (
    <div role="status" className="success">
      <p>
        Saved to <code className="path">{outcome.path}</code>
        {outcome.files !== undefined && ` (${formatCount(outcome.files)} parquet files)`}
      </p>
      {info.data?.mode === 'electron' && (
        <button type="button" onClick={() => show.mutate(outcome.path)}>
          Show in folder
        </button>
      )}
      {show.isError && <ErrorAlert error={show.error} />}
    </div>
  );
}
