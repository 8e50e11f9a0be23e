import { useWatch } from 'react-hook-form';
import type { SelectionValues } from '../features/selections/form-schema';
import { PreviewPanel } from '../features/preview/PreviewPanel';
import { useJob } from './state/job';

/** The preview of the export shown, its times in the zone of the selection's window. */
export function PreviewPane() {
  const { jobId, status } = useJob();
  const zone = useWatch<SelectionValues, 'window.timeZone'>({ name: 'window.timeZone' }) ?? 'local';
  return <PreviewPanel jobId={jobId} status={status} zone={zone} />;
}
