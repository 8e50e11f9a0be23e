import { useFormContext } from 'react-hook-form';
import type { ExportRequest } from '../../../../src-preload/contract';
import { toIso } from '../../lib/zoned-time';
import { useActiveConnection } from '../connections/active-connection';
import { ExportBar } from '../request/ExportBar';
import { useJob } from '../request/job-context';
import type { SelectionValues } from './form-schema';
import { SavedSelections } from './SavedSelections';
import { SelectedSignalsList } from './SelectedSignalsList';
import { useSelectionActions } from './selection-context';
import { resolveWindow } from './time-window';
import { TimeWindowFields } from './TimeWindowFields';

/** What to export: the signals, the window, the format; then Export, Cancel and Save…. */
export function SelectionPanel() {
  const { handleSubmit, register, setValue, setError } = useFormContext<SelectionValues>();
  const { setMissing } = useSelectionActions();
  const { connectionId } = useActiveConnection();
  const job = useJob();

  const onExport = handleSubmit(async (values) => {
    // Relative windows are read at the moment of export, so "last hour" means the last hour now.
    const resolved = resolveWindow(values.window);
    if (!resolved.ok) {
      for (const [field, message] of Object.entries(resolved.errors)) setError(`window.${field as 'start' | 'end'}`, { message });
      return;
    }
    const request: ExportRequest = {
      connectionId,
      signals: values.signals,
      timeWindow: { start: toIso(resolved.start), end: toIso(resolved.end) },
      format: values.format,
    };
    setMissing(new Set());
    await job.start(request);
  });

  return (
    <section className="panel selection-panel" aria-labelledby="selection-title">
      <h2 id="selection-title">Selection</h2>
      <SavedSelections />
      <form onSubmit={onExport} noValidate aria-label="Export settings">
        <SelectedSignalsList />
        <TimeWindowFields />
        <label className="field format-field">
          <span>Format</span>
          <select {...register('format')}>
            <option value="parquet">Parquet (fastest, typed)</option>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
        </label>
        <ExportBar
          onShorten={() => {
            setValue('window.start', 'now-1h', { shouldValidate: true });
            setValue('window.end', 'now', { shouldValidate: true });
          }}
        />
      </form>
    </section>
  );
}
