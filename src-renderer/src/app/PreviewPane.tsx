import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import type { SelectionValues } from '../features/selections/form-schema';
import { ConditionsView } from '../features/derive/ConditionsView';
import { conditionsQuery } from '../features/derive/api';
import { PreviewPanel } from '../features/preview/PreviewPanel';
import type { ChartBands } from '../features/preview/chart-bands';
import { colorFor } from '../ui/chart/colors';
import { useJob } from './state/job';

/**
 * The preview of the export shown, its times in the zone of the selection's window: its
 * conditions' periods as bands on the charts, and their statistics and periods under them.
 */
export function PreviewPane() {
  const { jobId, status } = useJob();
  const zone = useWatch<SelectionValues, 'window.timeZone'>({ name: 'window.timeZone' }) ?? 'local';
  const conditions = !!status?.request.derivations?.conditions.length;
  const chunksDone = status?.progress.chunksDone ?? 0;
  // The same query (and cache entry) as ConditionsView's table.
  const answer = useQuery({ ...conditionsQuery(jobId ?? '', chunksDone), enabled: !!jobId && conditions && chunksDone > 0 });
  const data = conditions ? answer.data : undefined;
  // From the palette's end, so a band's colour is not a line's (lines take it from the start).
  const bands = useMemo<ChartBands[] | undefined>(
    () => data?.conditions.map((c, i) => ({ label: c.name, color: colorFor(-1 - i), periods: c.periods })),
    [data],
  );
  return (
    <>
      <PreviewPanel jobId={jobId} status={status} zone={zone} bands={bands} />
      {jobId && status && conditions && <ConditionsView jobId={jobId} chunksDone={chunksDone} zone={zone} />}
    </>
  );
}
