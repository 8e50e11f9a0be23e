import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Format, type JobStatus, type SaveOptions, type SaveOutcome } from '../../../../src-preload/contract';
import { invoke } from '../../lib/bridge';
import { allTimeZones, ianaZone } from '../../lib/zoned-time';
import { useAppInfo } from '../../lib/app-info';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { startDownload } from './download';

const EXCEL_LOCALES = [
  ['en-US', 'English (US): comma, dot decimals'],
  ['en-GB', 'English (UK)'],
  ['de-DE', 'German: semicolon, comma decimals'],
  ['fr-FR', 'French'],
  ['es-ES', 'Spanish'],
  ['pt-PT', 'Portuguese'],
  ['it-IT', 'Italian'],
  ['nl-NL', 'Dutch'],
] as const;

interface Props {
  open: boolean;
  onClose(): void;
  status: JobStatus;
}

/** "Save…": pick format, zone and the Excel option; the main process asks where (or the browser downloads). */
export function SaveDialog({ open, onClose, status }: Props) {
  const info = useAppInfo();
  const zones = allTimeZones();
  const [format, setFormat] = useState<Format>(status.result?.format ?? status.request.format);
  const [timeZone, setTimeZone] = useState('UTC');
  const [localTimeColumn, setLocalTimeColumn] = useState(false);
  const [excel, setExcel] = useState(false);
  const [excelLocale, setExcelLocale] = useState<string>(
    navigator.language && EXCEL_LOCALES.some(([l]) => l === navigator.language) ? navigator.language : 'en-US',
  );
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const save = useMutation({
    mutationFn: (options: SaveOptions) => invoke('exports.save', options),
    onSuccess: (o) => {
      setOutcome(o);
      if (o.outcome === 'download') startDownload(o.url, o.fileName);
    },
  });
  const show = useMutation({ mutationFn: (path: string) => invoke('exports.showInFolder', { path }) });
  const text = format !== 'parquet';

  const submit = () => {
    setOutcome(null);
    save.mutate({
      jobId: status.jobId,
      format,
      timeZone: ianaZone(timeZone),
      localTimeColumn: text && localTimeColumn,
      excelLocale: format === 'csv' && excel ? excelLocale : null,
    });
  };

  return (
    <Dialog title="Save the data" open={open} onClose={onClose}>
      <form
        className="save-form"
        onSubmit={(e) => {
          // React bubbles events through portals: keep this submit away from the export form.
          e.preventDefault();
          e.stopPropagation();
          submit();
        }}
      >
        <label className="field">
          <span>File format</span>
          <select value={format} onChange={(e) => setFormat(Format.parse(e.target.value))}>
            <option value="parquet">Parquet</option>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
        </label>
        <label className="field">
          <span>Time zone of the timestamps</span>
          <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)} disabled={!text}>
            <option value="local">Local ({ianaZone('local')})</option>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={localTimeColumn} disabled={!text} onChange={(e) => setLocalTimeColumn(e.target.checked)} />
          Add a column with the local wall-clock time
        </label>
        <label className="check">
          <input type="checkbox" checked={excel} disabled={format !== 'csv'} onChange={(e) => setExcel(e.target.checked)} />
          CSV for Excel (separators and decimal mark of a language)
        </label>
        {format === 'csv' && excel && (
          <label className="field">
            <span>Excel language</span>
            <select value={excelLocale} onChange={(e) => setExcelLocale(e.target.value)}>
              {EXCEL_LOCALES.map(([l, name]) => (
                <option key={l} value={l}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        {save.isError && <ErrorAlert error={save.error} title="Not saved." />}
        {outcome?.outcome === 'saved' && (
          <div role="status" className="success">
            <p>
              Saved to <code className="path">{outcome.path}</code>
            </p>
            {info.data?.mode === 'electron' && (
              <button type="button" onClick={() => show.mutate(outcome.path)}>
                Show in folder
              </button>
            )}
            {show.isError && <ErrorAlert error={show.error} />}
          </div>
        )}
        {outcome?.outcome === 'download' && (
          <p role="status" className="success">
            Your browser is downloading {outcome.fileName}.
          </p>
        )}
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
