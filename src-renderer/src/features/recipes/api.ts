import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../../../src-preload/contract';
import { invoke } from '../../lib/bridge';

/*
 * The window's recipes and schedules. No event says when a scheduled run ended, so the schedules'
 * list is polled while the Recipes panel is open: its last run and last error are what it shows.
 */

const SCHEDULES_POLL_MS = 5_000;

export const recipesQuery = queryOptions({ queryKey: ['recipes'], queryFn: () => invoke('recipes.list', undefined) });
export const schedulesQuery = queryOptions({
  queryKey: ['schedules'],
  queryFn: () => invoke('schedules.list', undefined),
  refetchInterval: SCHEDULES_POLL_MS,
});

export const useRecipes = () => useQuery(recipesQuery);
export const useSchedules = () => useQuery(schedulesQuery);

function useRecipeMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['recipes'] });
      await client.invalidateQueries({ queryKey: ['schedules'] });
    },
  });
}

export const useSaveRecipe = () => useRecipeMutation((input: CallInput<'recipes.save'>) => invoke('recipes.save', input));
export const useRemoveRecipe = () => useRecipeMutation((id: string) => invoke('recipes.remove', { id }));
export const useSaveSchedule = () => useRecipeMutation((input: CallInput<'schedules.save'>) => invoke('schedules.save', input));
export const useRemoveSchedule = () => useRecipeMutation((id: string) => invoke('schedules.remove', { id }));
export const useRunRecipe = () => useMutation({ mutationFn: (id: string) => invoke('recipes.run', { id }) });
export const useOutsideRun = (id: string, scheduleId: string | null) =>
  useQuery({
    queryKey: ['recipes', 'outside', id, scheduleId],
    queryFn: () => invoke('recipes.outside', { id, scheduleId: scheduleId! }),
    enabled: scheduleId !== null,
  });
