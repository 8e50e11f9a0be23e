import { useWatch } from 'react-hook-form';
import type { SelectionValues } from '../features/selections/form-schema';
import { ConditionsView } from '../features/derive/ConditionsView';
import { PreviewPanel } from '../features/preview/PreviewPanel';
import { useJob } from './state/job';

/** The preview of the export shown, its times in the zone of the selection's window; its conditions' bands and periods under it. */
export function PreviewPane() {
  const { jobId, status } = useJob();
  const zone = useWatch<SelectionValues, 'window.timeZone'>({ name: 'window.timeZone' }) ?? 'local';
  const conditions = !!status?.request.derivations?.conditions.length;
  return (
    <>
      <PreviewPanel jobId={jobId} status={status} zone={zone} />
      {jobId && status && conditions && (
        <ConditionsView
          jobId={jobId}
          chunksDone={status.progress.chunksDone}
          window={{ start: Date.parse(status.request.timeWindow.start), end: Date.parse(status.request.timeWindow.end) }}
          zone={zone}
        />
      )}
    </>
  );
}
