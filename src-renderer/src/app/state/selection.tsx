import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { FormProvider, useFieldArray, useForm, useWatch, type Resolver, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { DEFAULT_WEEK_START, type WeekStart } from '../../../../src-preload/contract/time-expressions';
import type { SelectedSignal, Signal } from '../../../../src-preload/contract';
import { DEFAULT_VALUES, defaultColumnName, selectionValuesFor, type SelectionValues } from '../../features/selections/form-schema';
import { settingsQuery } from '../../features/settings/api';
import { WeekStartContext } from '../../lib/week-start';
import type { SignalFields } from '../../features/selections/SelectedSignalsList';

export interface SelectionState {
  form: UseFormReturn<SelectionValues>;
  fields: SignalFields;
  addSignal(signal: Signal): void;
  isSelected(id: number): boolean;
  /** Signals the API said do not exist, marked in the list until the next export. */
  missing: ReadonlySet<number>;
  setMissing(ids: ReadonlySet<number>): void;
  /** Replace the whole selection (a saved selection, a past export), keeping nothing of the old one. */
  replace(values: SelectionValues): void;
}

const Context = createContext<SelectionState | null>(null);

/** The form's checks with the week start in force (react-hook-form hands its `context` to the resolver on every check). */
const resolver: Resolver<SelectionValues, { weekStart: WeekStart }> = (values, context, options) =>
  zodResolver(selectionValuesFor(context?.weekStart ?? DEFAULT_WEEK_START))(values, context, options);

/**
 * Owns the export form for the whole window, so that the tree can add to it, the export can read
 * it, and nothing the user entered is lost when a panel re-renders or a request fails.
 */
export function SelectionProvider({ children }: { children: ReactNode }) {
  // The Settings' week start, for `now/w` in the window's checks, summary and export.
  const weekStart = useQuery(settingsQuery).data?.weekStart ?? DEFAULT_WEEK_START;
  const form = useForm<SelectionValues, { weekStart: WeekStart }>({
    resolver,
    context: { weekStart },
    mode: 'onChange',
    defaultValues: DEFAULT_VALUES,
  });
  // `fieldKey`, not the default `id`: a signal has an `id` of its own.
  const fields = useFieldArray({ control: form.control, name: 'signals', keyName: 'fieldKey' });
  const signals = useWatch({ control: form.control, name: 'signals' });
  const selectedIds = useMemo(() => new Set((signals ?? []).map((s) => s.id)), [signals]);
  const [missing, setMissing] = useState<ReadonlySet<number>>(new Set());

  const { append } = fields;
  const addSignal = useCallback(
    (signal: Signal) => {
      const current = form.getValues('signals');
      if (current.some((s) => s.id === signal.id)) return;
      const selected: SelectedSignal = {
        ...signal,
        rename: defaultColumnName(
          signal,
          current.map((s) => s.rename),
        ),
      };
      append(selected, { shouldFocus: false });
    },
    [append, form],
  );

  const replace = useCallback(
    (values: SelectionValues) => {
      form.reset(values);
      setMissing(new Set());
    },
    [form],
  );

  const value = useMemo<SelectionState>(
    () => ({ form, fields, addSignal, isSelected: (id) => selectedIds.has(id), missing, setMissing, replace }),
    [form, fields, addSignal, selectedIds, missing, replace],
  );
  return (
    <FormProvider {...form}>
      <WeekStartContext.Provider value={weekStart}>
        <Context.Provider value={value}>{children}</Context.Provider>
      </WeekStartContext.Provider>
    </FormProvider>
  );
}

export function useSelection(): SelectionState {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useSelection outside SelectionProvider');
  return ctx;
}
