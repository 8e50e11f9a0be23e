import { useCallback } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import type { SavedSelection } from '../../../src-preload/contract';
import { signalColumns, type Derivations } from '../../../src-preload/contract/derive';
import { DerivationsField } from '../features/derive/DerivationsField';
import { useConnections } from '../features/connections/api';
import { CopyAsCode } from '../features/exports/CopyAsCode';
import { ExportBar } from '../features/exports/ExportBar';
import type { PlacedError } from '../features/exports/place-error';
import { toExportRequest } from '../features/selections/export-request';
import { valuesInputOf } from '../features/selections/values-form';
import { DEFAULT_VALUES, type SelectionValues } from '../features/selections/form-schema';
import { FormatField } from '../features/selections/FormatField';
import { HotStorageWarning } from '../features/selections/HotStorageWarning';
import { SavedSelections } from '../features/selections/SavedSelections';
import { SaveAsRecipe } from '../features/recipes/SaveAsRecipe';
import { recipeDraftOf } from './recipe-draft';
import { SelectedSignalsList } from '../features/selections/SelectedSignalsList';
import { TimeWindowFields } from '../features/selections/TimeWindowFields';
import { ValuesField } from '../features/selections/ValuesField';
import { useWeekStart } from '../lib/week-start';
import { useActiveConnection } from './state/active-connection';
import { useJob } from './state/job';
import { useSelection } from './state/selection';

const NO_DERIVATIONS: Derivations = { derived: [], conditions: [] };

/** What to export: the signals, the window, the values, the format; then Export, Cancel, Resume and Save…. */
export function SelectionPane() {
  const { handleSubmit, setValue, setError, getValues } = useFormContext<SelectionValues>();
  const { fields, missing, setMissing, replace, form } = useSelection();
  const { connectionId, setConnectionId, openManager } = useActiveConnection();
  const connections = useConnections();
  const job = useJob();
  const weekStart = useWeekStart();
  const zone = useWatch<SelectionValues, 'window.timeZone'>({ name: 'window.timeZone' }) ?? 'local';
  const signals = useWatch<SelectionValues, 'signals'>({ name: 'signals' });
  // Demo data has no hot storage; a Nortech connection keeps its last day out of reach.
  const nortech = connections.data?.find((c) => c.id === connectionId)?.kind === 'nortech';

  const onExport = handleSubmit(async (values) => {
    const built = toExportRequest(values, connectionId, { weekStart });
    if (!built.ok) {
      for (const [field, message] of Object.entries(built.errors)) setError(`window.${field as 'start' | 'end'}`, { message });
      return;
    }
    setMissing(new Set());
    await job.start(built.request);
  });

  const load = (s: SavedSelection) => {
    // A selection saved with a connection since removed loads into the one in use.
    if (connections.data?.some((c) => c.id === s.connectionId)) setConnectionId(s.connectionId);
    // One saved before there were aggregations has no values: raw.
    replace({
      signals: s.signals,
      window: s.window,
      format: s.format,
      values: valuesInputOf(s.values ?? { kind: 'raw' }),
      derivations: s.derivations ?? { derived: [], conditions: [] },
    });
  };

  const selected = useCallback(() => getValues('signals'), [getValues]);
  const place = useCallback(
    ({ fields: problems, missingIds }: Pick<PlacedError, 'fields' | 'missingIds'>) => {
      for (const f of problems) form.setError(f.path as never, { type: 'server', message: f.message }, { shouldFocus: true });
      if (missingIds.length) setMissing(new Set(missingIds));
    },
    [form, setMissing],
  );
  const fixKey = useCallback((id: string | undefined) => openManager(id ?? connectionId), [openManager, connectionId]);
  const shorten = useCallback(() => {
    setValue('window.start', 'now-1h', { shouldValidate: true });
    setValue('window.end', 'now', { shouldValidate: true });
  }, [setValue]);
  const newExport = useCallback(() => replace(DEFAULT_VALUES), [replace]);
  const recipeDraft = useCallback(() => recipeDraftOf(getValues(), weekStart), [getValues, weekStart]);

  return (
    <section className="panel selection-panel" aria-labelledby="selection-title">
      <h2 id="selection-title">Selection</h2>
      <SavedSelections connectionId={connectionId} current={getValues} onLoad={load} />
      <SaveAsRecipe connectionId={connectionId} draft={recipeDraft} />
      <form onSubmit={onExport} noValidate aria-label="Export settings">
        <SelectedSignalsList fields={fields} missing={missing} />
        <TimeWindowFields />
        <HotStorageWarning nortech={nortech} />
        <ValuesField />
        <Controller
          name="derivations"
          render={({ field }) => (
            <DerivationsField
              value={(field.value as Derivations | undefined) ?? NO_DERIVATIONS}
              onChange={field.onChange}
              columns={signalColumns(signals ?? [])}
            />
          )}
        />
        <FormatField />
        <ExportBar
          job={job}
          selected={selected}
          onPlace={place}
          onFixKey={fixKey}
          onShorten={shorten}
          onNewExport={newExport}
          zone={zone}
        />
        {job.status?.stage === 'ready' && (
          <CopyAsCode request={job.status.request} apiUrl={connections.data?.find((c) => c.id === connectionId)?.apiUrl ?? ''} />
        )}
      </form>
    </section>
  );
}
