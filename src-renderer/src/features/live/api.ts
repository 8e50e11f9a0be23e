import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LiveMinutes, LiveStatus, SelectedSignal } from '../../../../src-preload/contract';
import { invoke, subscribe } from '../../lib/bridge';
import { LiveLines } from './live-lines';

export const liveStatusQuery = queryOptions({
  queryKey: ['live', 'status'],
  queryFn: () => invoke('live.status', undefined),
  staleTime: Infinity,
});

export interface LiveView {
  status: LiveStatus | null;
  /** The points held for the charts; `version` changes whenever they do. */
  lines: LiveLines;
  version: number;
  start(signals: SelectedSignal[], connectionId: string, minutes: LiveMinutes): void;
  stop(): void;
  resume(): void;
  /** A call that failed (start refused, the main process gone). */
  error: Error | null;
  pending: boolean;
}

/**
 * Live as the window sees it: the state (the main process says it in `live.update` events and in
 * each call's answer; the newest by its `at` wins), and the points: all the main process holds
 * when a session is new or its history has filled the charts (`live.points`), then the events'.
 */
export function useLive(): LiveView {
  const client = useQueryClient();
  const status = useQuery(liveStatusQuery);
  // One holder for the session's points, mutated as they come; `version` says when.
  const [lines] = useState(() => new LiveLines());
  const [version, changed] = useReducer((n: number) => n + 1, 0);
  const history = useRef<string | null>(null);

  const loadPoints = useCallback(async () => {
    const held = await invoke('live.points', undefined).catch(() => null);
    if (!held || held.sessionId !== lines.sessionId) return;
    lines.replace(held.series);
    changed();
  }, [lines]);

  const adopt = useCallback(
    (s: LiveStatus) => {
      client.setQueryData(liveStatusQuery.queryKey, (old) => (old && old.at > s.at && old.sessionId === s.sessionId ? old : s));
      const fill = s.history?.state ?? null;
      if (s.sessionId !== lines.sessionId) {
        lines.reset(s.sessionId, s.signals);
        history.current = fill;
        changed();
        if (s.sessionId) void loadPoints();
      } else if (fill !== history.current) {
        history.current = fill;
        if (fill === 'filled') void loadPoints();
      }
    },
    [client, lines, loadPoints],
  );

  useEffect(
    () =>
      subscribe('live.update', ({ status: s, points }) => {
        adopt(s);
        if (s.sessionId === lines.sessionId && points.length > 0) {
          lines.append(points);
          changed();
        }
      }),
    [adopt, lines],
  );
  // The first answer (a window opened or reloaded while Live runs).
  const first = status.data;
  useEffect(() => {
    if (first) adopt(first);
  }, [first, adopt]);

  const onAnswer = { onSuccess: adopt };
  const startMutation = useMutation({
    mutationFn: (req: { signals: SelectedSignal[]; connectionId: string; minutes: LiveMinutes }) => invoke('live.start', req),
    ...onAnswer,
  });
  const stopMutation = useMutation({ mutationFn: () => invoke('live.stop', undefined), ...onAnswer });
  const resumeMutation = useMutation({ mutationFn: () => invoke('live.resume', undefined), ...onAnswer });
  const { mutate: startLive } = startMutation;
  const { mutate: stopLive } = stopMutation;
  const { mutate: resumeLive } = resumeMutation;

  return {
    status: status.data ?? null,
    lines,
    version,
    start: useCallback((signals, connectionId, minutes) => startLive({ signals, connectionId, minutes }), [startLive]),
    stop: useCallback(() => stopLive(), [stopLive]),
    resume: useCallback(() => resumeLive(), [resumeLive]),
    error: startMutation.error ?? stopMutation.error ?? resumeMutation.error ?? status.error,
    pending: startMutation.isPending,
  };
}

/** Tells the main process whether the window is hidden (another tab, minimised): Live pauses meanwhile. */
export function useReportVisibility(): void {
  useEffect(() => {
    const tell = () => void invoke('live.visibility', { hidden: document.visibilityState === 'hidden' }).catch(() => undefined);
    tell();
    document.addEventListener('visibilitychange', tell);
    return () => document.removeEventListener('visibilitychange', tell);
  }, []);
}
