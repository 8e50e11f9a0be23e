import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectionDraft } from '../../../../src-preload/contract';
import { invoke } from '../../lib/bridge';

export const connectionsQuery = queryOptions({
  queryKey: ['connections'],
  queryFn: () => invoke('connections.list', undefined),
});

export const useConnections = () => useQuery(connectionsQuery);

export function useSaveConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: ConnectionDraft) => invoke('connections.save', draft),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: ['connections'] });
      // A new key or URL may change everything the catalog answered for this connection.
      await client.invalidateQueries({ queryKey: ['catalog', saved.id] });
    },
  });
}

export function useRemoveConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => invoke('connections.remove', { id }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['connections'] }),
  });
}

/** Tests a saved connection by id, or a draft with its key before saving it. */
export function useTestConnection() {
  return useMutation({
    mutationFn: (input: { id: string } | (ConnectionDraft & { apiKey: string })) => invoke('connections.test', input),
  });
}
