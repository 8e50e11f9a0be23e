import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../../../src-preload/contract';
import { invoke } from '../../lib/bridge';

export const selectionsQuery = queryOptions({
  queryKey: ['selections'],
  queryFn: () => invoke('selections.list', undefined),
});

export const useSavedSelections = () => useQuery(selectionsQuery);

function useSelectionMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ['selections'] }) });
}

export const useSaveSelection = () => useSelectionMutation((input: CallInput<'selections.save'>) => invoke('selections.save', input));
export const useRenameSelection = () => useSelectionMutation((input: CallInput<'selections.rename'>) => invoke('selections.rename', input));
export const useRemoveSelection = () => useSelectionMutation((id: string) => invoke('selections.remove', { id }));
