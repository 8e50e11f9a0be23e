import { queryOptions, useQuery } from '@tanstack/react-query';
import { invoke } from './bridge';

/** Which app, which version, which host, and how keys are kept: asked once per session. */
export const appInfoQuery = queryOptions({
  queryKey: ['app.info'],
  queryFn: () => invoke('app.info', undefined),
  staleTime: Infinity,
});

export const useAppInfo = () => useQuery(appInfoQuery);
