import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import {
  SaveFormat,
  type CallInput,
  type JobStatus,
  type SavedToS3,
  type SaveOptions,
  type SaveOutcome,
  type Values,
} from '../../../../src-preload/contract';
import { aggregationIssues } from '../../lib/aggregation-check';
import { useAppInfo } from '../../lib/app-info';
import { BridgeError, invoke } from '../../lib/bridge';
import { formatCount } from '../../lib/format';
import { allTimeZones, ianaZone } from '../../lib/zoned-time';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { startDownload } from './download';
import { SaveOutcomeNotice } from './SaveOutcomeNotice';
import { EXCEL_MAX_DATA_ROWS, expectedRows, intervalThatFits } from './excel-limit';
import { SaveValuesField, type SaveValuesChoice } from './SaveValuesField';
import { refusedFields, S3DestinationFields, s3Issues, type S3Destination } from './S3DestinationFields';

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

/** A refusal of Save… that belongs beside the Values (Excel's row limit), rather than at the bottom. */
/** The main process's refusal of the values (Excel's row limit), with the interval it proposes. */
const valuesRefusal = (error: unknown) =>
  error instanceof BridgeError && error.kind === 'validation' && error.details?.fields?.some((f) => f.path === 'values')
    ? { message: error.message, interval: error.details.interval ?? null }
    : undefined;

/**
 * "Save…": the format (parquet, csv, json, Excel), one file or a dataset folder, the values (as
 * exported, raw, or another interval), the zone and the text options; the main process asks where
 * (or the browser downloads).
 */
export function SaveDialog({ open, onClose, status }: Props) {
  const info = useAppInfo();
  const browser = info.data?.mode === 'browser';
  const zones = allTimeZones();
  const exported = status.request.values;
  const [format, setFormat] = useState<SaveFormat>(status.result?.format ?? status.request.format);
  const [dataset, setDataset] = useState(false);
  const [timeZone, setTimeZone] = useState(exported.kind === 'every' ? exported.timeZone : 'UTC');
  const [localTimeColumn, setLocalTimeColumn] = useState(false);
  const [excel, setExcel] = useState(false);
  const [excelLocale, setExcelLocale] = useState<string>(
    navigator.language && EXCEL_LOCALES.some(([l]) => l === navigator.language) ? navigator.language : 'en-US',
  );
  const [values, setValues] = useState<SaveValuesChoice>({
    choice: 'export',
    interval: exported.kind === 'every' ? exported.interval : '1h',
    fns: exported.kind === 'every' ? exported.fns : ['mean'],
  });
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const save = useMutation({
    mutationFn: (options: SaveOptions) => invoke('exports.save', options),
    onSuccess: (o) => {
      setOutcome(o);
      if (o.outcome === 'download') startDownload(o.url, o.fileName);
    },
  });
  // "Save to S3": the same values, as a dataset of parquet objects under an s3:// URL.
  const [destination, setDestination] = useState<'file' | 's3'>('file');
  const [s3, setS3] = useState<S3Destination>({ url: '', endpoint: '', region: '' });
  const [s3Shown, setS3Shown] = useState<Partial<Record<keyof S3Destination, boolean>>>({});
  const [s3Saved, setS3Saved] = useState<SavedToS3 | null>(null);
  const toS3 = useMutation({
    mutationFn: (options: CallInput<'exports.saveToS3'>) => invoke('exports.saveToS3', options),
    onSuccess: setS3Saved,
  });
  const s3Refused = toS3.isError && toS3.error instanceof BridgeError ? refusedFields(toS3.error.details) : {};
  const s3Problems = { ...s3Refused, ...s3Issues(s3) };
  const s3Typed = (next: S3Destination) => {
    toS3.reset();
    setS3Saved(null);
    setS3(next);
    setS3Shown((shown) => ({
      ...shown,
      ...Object.fromEntries(
        Object.keys(next)
          .filter((k) => next[k as keyof S3Destination] !== s3[k as keyof S3Destination])
          .map((k) => [k, true]),
      ),
    }));
  };

  // A refusal is about what was asked: a new choice clears it.
  const { reset } = save;
  const choose =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      reset();
      set(v);
    };
  const text = format === 'csv' || format === 'json';
  const layout = format === 'parquet' && dataset && !browser ? 'dataset' : 'file';
  const zone = ianaZone(timeZone);
  const issues = values.choice === 'every' ? aggregationIssues({ ...values, timeZone: zone }, status.request.signals) : [];
  const chosen: Values | undefined =
    values.choice === 'export'
      ? undefined
      : values.choice === 'raw'
        ? { kind: 'raw' }
        : { kind: 'every', interval: values.interval.trim().toLowerCase(), fns: values.fns, timeZone: zone };

  // Excel's limit, where it belongs: said before saving when the window can tell, and the main
  // process's own refusal (with the interval it proposes) when it refused.
  const window = { start: Date.parse(status.request.timeWindow.start), end: Date.parse(status.request.timeWindow.end) };
  const rows =
    format === 'xlsx' && !issues.length ? expectedRows(chosen ?? exported, exported, status.result?.rowCount ?? 0, window) : null;
  const refused = save.isError ? valuesRefusal(save.error) : undefined;
  const limit = refused
    ? { message: refused.message, interval: refused.interval ?? intervalThatFits(window) }
    : rows !== null && rows > EXCEL_MAX_DATA_ROWS
      ? {
          message: `Excel holds at most ${formatCount(EXCEL_MAX_DATA_ROWS)} rows of data; these values have about ${formatCount(rows)}.`,
          interval: intervalThatFits(window),
        }
      : null;

  const submit = () => {
    setOutcome(null);
    if (issues.length) return;
    if (destination === 's3') {
      setS3Saved(null);
      setS3Shown({ url: true, endpoint: true, region: true });
      if (Object.keys(s3Issues(s3)).length) return;
      toS3.mutate({
        jobId: status.jobId,
        url: s3.url.trim(),
        ...(s3.endpoint.trim() ? { endpoint: s3.endpoint.trim() } : {}),
        ...(s3.region.trim() ? { region: s3.region.trim() } : {}),
        ...(chosen ? { values: chosen } : {}),
      });
      return;
    }
    save.mutate({
      jobId: status.jobId,
      format,
      layout,
      timeZone: zone,
      localTimeColumn: text && localTimeColumn,
      excelLocale: format === 'csv' && excel ? excelLocale : null,
      ...(chosen ? { values: chosen } : {}),
    });
  };

  return (
    <Dialog title="Save the data" open={open} onClose={onClose}>
      <form
        className="save-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset className="layout-field">
          <legend>Save to</legend>
          <label className="check">
            <input type="radio" name="save-destination" checked={destination === 'file'} onChange={() => setDestination('file')} />
            File
          </label>
          <label className="check">
            <input type="radio" name="save-destination" checked={destination === 's3'} onChange={() => setDestination('s3')} />
            S3 (a parquet dataset in a bucket)
          </label>
        </fieldset>
        {destination === 's3' && (
          <S3DestinationFields
            value={s3}
            onChange={s3Typed}
            issues={s3Problems}
            shown={{ ...s3Shown, ...Object.fromEntries(Object.keys(s3Refused).map((k) => [k, true])) }}
            onBlur={(f) => s3[f] !== '' && setS3Shown((shown) => ({ ...shown, [f]: true }))}
          />
        )}
        {destination === 'file' && (
          <label className="field">
            <span>File format</span>
            <select value={format} onChange={(e) => choose(setFormat)(SaveFormat.parse(e.target.value))}>
              <option value="parquet">Parquet</option>
              <option value="csv">CSV</option>
              <option value="json">JSON</option>
              <option value="xlsx">Excel workbook (.xlsx)</option>
            </select>
          </label>
        )}
        {destination === 'file' && format === 'parquet' && (
          <fieldset className="layout-field">
            <legend>Layout</legend>
            <label className="check">
              <input type="radio" name="save-layout" checked={layout === 'file'} onChange={() => setDataset(false)} />
              One file
            </label>
            <label className="check">
              <input
                type="radio"
                name="save-layout"
                checked={layout === 'dataset'}
                disabled={browser}
                aria-describedby="dataset-hint"
                onChange={() => setDataset(true)}
              />
              A dataset folder (one parquet file a day, for DuckDB, Polars or Spark)
            </label>
            <p id="dataset-hint" className="muted small">
              {browser
                ? 'Not offered in browser mode: a browser downloads single files, not folders. Save a dataset from the desktop app or the command line (--layout dataset).'
                : 'A folder of date=YYYY-MM-DD/part-NNNN.parquet files (UTC days) and the export record, read as one table.'}
            </p>
          </fieldset>
        )}
        <SaveValuesField
          exported={exported}
          value={values}
          onChange={choose(setValues)}
          issues={issues}
          limit={destination === 'file' ? limit : null}
        />
        {destination === 'file' && (
          <>
            <label className="field">
              <span>Time zone{chosen?.kind === 'every' ? ' of the timestamps and the intervals' : ' of the timestamps'}</span>
              <select
                value={timeZone}
                onChange={(e) => choose(setTimeZone)(e.target.value)}
                disabled={format === 'parquet' && chosen?.kind !== 'every'}
              >
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
          </>
        )}
        {destination === 'file' && save.isError && !refused && <ErrorAlert error={save.error} title="Not saved." />}
        {destination === 's3' && toS3.isError && <ErrorAlert error={toS3.error} title="Not saved to S3." />}
        {destination === 's3' && s3Saved && (
          <p role="status" className="success">
            Saved {formatCount(s3Saved.parts + 1)} objects to <code className="path">{s3Saved.url}</code> ({formatCount(s3Saved.parts)}{' '}
            parquet files and {s3Saved.record.slice(s3Saved.url.length)}).
          </p>
        )}
        {destination === 'file' && <SaveOutcomeNotice outcome={outcome} />}
        <div className="button-row">
          <button type="submit" className="primary" disabled={save.isPending || toS3.isPending}>
            {save.isPending || toS3.isPending ? 'Saving…' : destination === 's3' ? 'Save to S3' : 'Save'}
          </button>
          <button type="button" onClick={onClose}>
            Done
          </button>
        </div>
      </form>
    </Dialog>
  );
}
