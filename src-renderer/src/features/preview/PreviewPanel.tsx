import { useCallback, useState } from 'react';
import type { TimeRange } from '../../../../src-preload/contract';
import { formatBytes, plural } from '../../lib/format';
import type { JobStatus } from '../../../../src-preload/contract';
import { ChartView } from './ChartView';
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
}

/** The data of the ready export: chart, rows and statistics, with its size. */
export function PreviewPanel({ jobId, status, zone }: Props) {
  const [tab, setTab] = useState<Tab>('chart');
  const result = status?.stage === 'ready' ? status.result : undefined;
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

  return (
    <section className="panel preview-panel" role="region" aria-label="Preview">
      <h2>Preview</h2>
      {!jobId || !result ? (
        <p className="empty">
          {status && (status.stage === 'requesting' || status.stage === 'downloading' || status.stage === 'decoding')
            ? 'The preview appears here when the export is ready.'
            : 'Nothing to preview yet. Export a selection to see its data here.'}
        </p>
      ) : (
        <>
          <p className="preview-facts" data-testid="preview-facts">
            <span>{plural(result.rowCount, 'row')}</span>
            <span>{plural(result.columns.length, 'signal')}</span>
            <span>
              {formatBytes(result.fileBytes)} {result.format}
            </span>
          </p>
          <Tabs<Tab> label="Preview views" tabs={TABS} selected={tab} onSelect={setTab}>
            {tab === 'chart' && (
              <ChartView
                key={jobId}
                jobId={jobId}
                result={result}
                zone={zone}
                range={view.range}
                onRange={setRange}
                hidden={view.hidden}
                onToggle={toggle}
              />
            )}
            {tab === 'table' && <TableView key={jobId} jobId={jobId} zone={zone} />}
            {tab === 'stats' && <StatsView key={jobId} jobId={jobId} zone={zone} />}
          </Tabs>
        </>
      )}
    </section>
  );
}
