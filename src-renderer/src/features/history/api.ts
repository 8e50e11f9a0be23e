import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { invoke } from '../../lib/bridge';

export const historyQuery = queryOptions({
  queryKey: ['history'],
  queryFn: () => invoke('history.list', undefined),
  staleTime: 0,
});

export function useOpenHistory() {
  return useMutation({ mutationFn: (id: string) => invoke('history.open', { id }) });
}

export function useRemoveHistory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => invoke('history.remove', { id }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['history'] }),
  });
}
