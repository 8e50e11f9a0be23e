import { useCallback, useState } from 'react';
import { describeValues, type JobStatus, type TimeRange } from '../../../../src-preload/contract';
import { formatBytes, plural } from '../../lib/format';
import { useFollowChunks } from './api';
import { ChartView } from './ChartView';
import type { ChartBands } from './chart-bands';
import { chunksInText, plannedChunks } from './chunk-count';
import { Coverage } from './Coverage';
import { StatsView } from './StatsView';
import { TableView } from './TableView';
import { Tabs } from './Tabs';

const TABS = [
  { id: 'chart', label: 'Chart' },
  { id: 'table', label: 'Table' },
  { id: 'stats', label: 'Statistics' },
] as const;
type Tab = (typeof TABS)[number]['id'];

interface ChartState {
  jobId: string | null;
  range: TimeRange | null;
  hidden: ReadonlySet<string>;
}

interface Props {
  jobId: string | null;
  status: JobStatus | null;
  /** The zone the user works in: times are shown in it. */
  zone: string;
  /** Periods drawn as bands on the charts (app/ gives a condition's). */
  bands?: readonly ChartBands[];
}

const partialText: Partial<Record<JobStatus['stage'], string>> = {
  running: 'still exporting',
  cancelled: 'cancelled: Resume completes it',
  interrupted: 'interrupted: Resume completes it',
  failed: 'failed: Resume goes on from here',
};

/**
 * The data of the export: chart, rows and statistics, from its first chunk on (they fill in as
 * the others arrive), with what it holds and how much of the window each signal covers.
 */
export function PreviewPanel({ jobId, status, zone, bands }: Props) {
  const [tab, setTab] = useState<Tab>('chart');
  const complete = status?.stage === 'ready';
  const chunksDone = status?.progress.chunksDone ?? 0;
  const shown = !!jobId && !!status && status.jobId === jobId && (complete || chunksDone > 0);
  useFollowChunks(shown ? jobId : null, chunksDone, complete);
  // What the charts show (zoom, pan, hidden signals) is the panel's, so it survives a tab switch;
  // a new export starts from all of it.
  const [view, setView] = useState<ChartState>({ jobId, range: null, hidden: new Set() });
  if (view.jobId !== jobId) setView({ jobId, range: null, hidden: new Set() });
  const setRange = useCallback((range: TimeRange | null) => setView((v) => ({ ...v, range })), []);
  const toggle = useCallback(
    (column: string) =>
      setView((v) => {
        const hidden = new Set(v.hidden);
        if (hidden.has(column)) hidden.delete(column);
        else hidden.add(column);
        return { ...v, hidden };
      }),
    [],
  );

  if (!shown || !jobId || !status) {
    return (
      <section className="panel preview-panel" role="region" aria-label="Preview">
        <h2>Preview</h2>
        <p className="empty">
          {status?.stage === 'running'
            ? 'The charts appear here as soon as the first chunk of the export is in.'
            : 'Nothing to preview yet. Export a selection to see its data here.'}
        </p>
      </section>
    );
  }
  const result = complete ? status.result : undefined;
  const p = status.progress;
  const values = status.request.values;
  return (
    <section className="panel preview-panel" role="region" aria-label="Preview">
      <h2>Preview</h2>
      {result ? (
        <p className="preview-facts" data-testid="preview-facts">
          <span>{plural(result.rowCount, 'row')}</span>
          <span>{plural(result.columns.length, values.kind === 'every' ? 'column' : 'signal')}</span>
          <span>
            {formatBytes(result.fileBytes)} {result.format}
          </span>
        </p>
      ) : (
        <p className="preview-facts" data-testid="preview-partial">
          <span>
            {chunksInText(p.chunksDone, plannedChunks(p)).replace(/ in, /, ', ')} in the preview (
            {partialText[status.stage] ?? status.stage})
          </span>
          <span>{plural(p.rows, 'row')} so far</span>
        </p>
      )}
      {values.kind === 'every' && (
        <p className="preview-values" data-testid="preview-values">
          Aggregated: {describeValues(values)}. Each point is one interval&apos;s value, at the interval&apos;s start.
        </p>
      )}
      <Coverage jobId={jobId} zone={zone} chunksDone={chunksDone} following={!complete} />
      <Tabs<Tab> label="Preview views" tabs={TABS} selected={tab} onSelect={setTab}>
        {tab === 'chart' && (
          <ChartView
            key={jobId}
            jobId={jobId}
            following={!complete}
            chunksDone={chunksDone}
            planned={plannedChunks(status.progress)}
            empty={!!result && result.rowCount === 0}
            zone={zone}
            range={view.range}
            onRange={setRange}
            hidden={view.hidden}
            onToggle={toggle}
            bands={bands}
          />
        )}
        {tab === 'table' && <TableView key={jobId} jobId={jobId} zone={zone} following={!complete} />}
        {tab === 'stats' && (
          <StatsView
            key={jobId}
            jobId={jobId}
            zone={zone}
            chunksDone={chunksDone}
            planned={complete ? undefined : plannedChunks(status.progress)}
          />
        )}
      </Tabs>
    </section>
  );
}
