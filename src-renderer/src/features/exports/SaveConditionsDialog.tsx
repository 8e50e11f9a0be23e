import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { SaveFormat, type JobStatus, type SaveConditionsOptions, type SaveOutcome } from '../../../../src-preload/contract';
import { invoke } from '../../lib/bridge';
import { allTimeZones, ianaZone } from '../../lib/zoned-time';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { startDownload } from './download';
import { SaveOutcomeNotice } from './SaveOutcomeNotice';

interface Props {
  open: boolean;
  onClose(): void;
  status: JobStatus;
}

/**
 * "Save conditions…": the export's condition periods as a file of their own (one row a period: its
 * start, the condition, end, duration, min/max/mean of its statistics signal, what ended it), in
 * any format; written from the periods the preview shows, so the export is not run again.
 */
export function SaveConditionsDialog({ open, onClose, status }: Props) {
  const zones = allTimeZones();
  const [format, setFormat] = useState<SaveFormat>('csv');
  const [timeZone, setTimeZone] = useState('UTC');
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const save = useMutation({
    mutationFn: (options: SaveConditionsOptions) => invoke('exports.saveConditions', options),
    onSuccess: (o) => {
      setOutcome(o);
      if (o.outcome === 'download') startDownload(o.url, o.fileName);
    },
  });
  const choose =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      save.reset();
      setOutcome(null);
      set(v);
    };
  const names = status.request.derivations?.conditions.map((c) => c.name) ?? [];

  return (
    <Dialog title="Save the conditions' periods" open={open} onClose={onClose}>
      <form
        className="save-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setOutcome(null);
          save.mutate({ jobId: status.jobId, format, timeZone: ianaZone(timeZone) });
        }}
      >
        <p className="muted small">
          One row a period of {names.join(', ')}: its start, the condition, its end, duration in seconds, the minimum, maximum and mean of
          its statistics signal, and what ended it.
        </p>
        <label className="field">
          <span>File format</span>
          <select value={format} onChange={(e) => choose(setFormat)(SaveFormat.parse(e.target.value))}>
            <option value="parquet">Parquet</option>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
            <option value="xlsx">Excel workbook (.xlsx)</option>
          </select>
        </label>
        <label className="field">
          <span>Time zone of the periods&apos; starts</span>
          <select value={timeZone} onChange={(e) => choose(setTimeZone)(e.target.value)} disabled={format === 'parquet'}>
            <option value="local">Local ({ianaZone('local')})</option>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        {save.isError && <ErrorAlert error={save.error} title="Not saved." />}
        <SaveOutcomeNotice outcome={outcome} />
        <div className="button-row">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
          <button type="button" onClick={onClose}>
            Done
          </button>
        </div>
      </form>
    </Dialog>
  );
}
