import { useState } from 'react';
import { LivePane } from './LivePane';
import { PreviewPane } from './PreviewPane';
import { useJob } from './state/job';

type Mode = 'preview' | 'live';

/** The right-hand pane: the preview of the export shown, or Live for the picked signals. An export started brings the preview back. */
export function DataPane() {
  const [mode, setMode] = useState<Mode>('preview');
  const { jobId } = useJob();
  const [shownJob, setShownJob] = useState(jobId);
  if (shownJob !== jobId) {
    setShownJob(jobId);
    if (jobId) setMode('preview');
  }
  return (
    <div className="data-pane">
      <div className="mode-switch button-row" role="group" aria-label="Show">
        <button type="button" aria-pressed={mode === 'preview'} onClick={() => setMode('preview')}>
          Preview
        </button>
        <button type="button" aria-pressed={mode === 'live'} onClick={() => setMode('live')}>
          Live
        </button>
      </div>
      {mode === 'preview' ? <PreviewPane /> : <LivePane />}
    </div>
  );
}
