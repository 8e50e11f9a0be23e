import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { TreePath } from '../../../../src-preload/contract';
import { invoke } from '../../lib/bridge';

/** One level of the tree. Catalogs change rarely: keep a level for the session once loaded. */
export const childrenQuery = (connectionId: string, path: TreePath) =>
  queryOptions({
    queryKey: ['catalog', connectionId, 'children', ...path],
    queryFn: () => invoke('catalog.children', { connectionId, path }),
    staleTime: 10 * 60_000,
  });

export const searchQuery = (connectionId: string, workspaceId: number, query: string) =>
  queryOptions({
    queryKey: ['catalog', connectionId, 'search', workspaceId, query],
    queryFn: () => invoke('catalog.search', { connectionId, workspaceId, query, limit: 200 }),
    staleTime: 5 * 60_000,
  });

export function useSearch(connectionId: string, workspaceId: number | undefined, query: string) {
  return useQuery({
    ...searchQuery(connectionId, workspaceId ?? 0, query),
    enabled: workspaceId !== undefined && query.trim().length > 0,
    // Keep the last results on screen while the next keystroke's answer comes.
    placeholderData: keepPreviousData,
  });
}
