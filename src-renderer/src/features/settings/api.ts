import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '../../../../src-preload/contract';
import { invoke } from '../../lib/bridge';

export const settingsQuery = queryOptions({
  queryKey: ['settings'],
  queryFn: () => invoke('settings.get', undefined),
  staleTime: Infinity,
});

export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: Partial<Settings>) => invoke('settings.save', settings),
    // The answer is the settings now in force.
    onSuccess: (saved) => client.setQueryData(settingsQuery.queryKey, saved),
  });
}
