import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { apiCall, type ApiCall, type ApiCallConfig } from './api-call';
import { failedError } from './api-errors';
import { DEFAULT_RETRY, sleep, type RetryPolicy } from './retry';
import {
  WireAsset,
  WireDivision,
  WireFailed,
  WireFinished,
  WireMe,
  WireRequestState,
  WireSignal,
  WireUnit,
  WireWorkspace,
  WireLivePoints,
  wirePage,
  type WireDataRequest,
} from './wire';

export interface NortechClientOptions {
  apiUrl: string;
  apiKey: string;
  /** The app's version, sent as `User-Agent: signal-explorer/<version>`. */
  version: string;
  connectTimeoutMs?: number;
  /** Deadline of a metadata call. */
  callTimeoutMs?: number;
  /** Deadline of the sync data call, which waits while Nortech prepares the file. */
  syncTimeoutMs?: number;
  /** Deadline of a live call: a poll that takes longer fails, and the poller backs off. */
  liveTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Jitter source; tests pin it. */
  random?: () => number;
}

export type NortechClient = ReturnType<typeof createNortechClient>;

const MAX_PAGES = 10_000;
const seg = encodeURIComponent;

/** Checks an API URL before any call: http(s), and no user, password, query or fragment (where a key could hide). */
export function checkApiUrl(apiUrl: string): URL {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new AppError('validation', 'The API URL is not a URL.', {
      fields: [{ path: 'apiUrl', message: 'Enter a full URL, e.g. https://api.apps.nor.tech' }],
      hint: 'Enter a full URL, e.g. https://api.apps.nor.tech',
    });
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash || /[?#]/.test(apiUrl)) {
    throw new AppError(
      'validation',
      'The API URL must start with http:// or https:// and hold no user name, password, query or fragment.',
      {
        fields: [{ path: 'apiUrl', message: 'Use http(s)://host, with the key in its own field' }],
        hint: 'Enter a URL like https://api.apps.nor.tech and the key separately.',
      },
    );
  }
  return url;
}

/** Nortech's API: metadata (every page), who we are, and historical data. All answers zod-checked. */
export function createNortechClient(opts: NortechClientOptions) {
  checkApiUrl(opts.apiUrl);
  const cfg: ApiCallConfig = {
    apiUrl: opts.apiUrl,
    apiKey: opts.apiKey,
    userAgent: `signal-explorer/${opts.version}`,
    connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    random: opts.random ?? Math.random,
  };
  const callTimeoutMs = opts.callTimeoutMs ?? 30_000;
  const syncTimeoutMs = opts.syncTimeoutMs ?? 15 * 60_000;
  const liveTimeoutMs = opts.liveTimeoutMs ?? 15_000;
  // One try: the live poller backs off and says why itself (a retry inside would hide the 503s).
  const onceCfg: ApiCallConfig = { ...cfg, retry: { ...cfg.retry, maxTries: 1 } };

  const get = <S extends z.ZodType>(path: string, schema: S, what: string, signal?: AbortSignal, query?: ApiCall<S>['query']) =>
    apiCall(cfg, { method: 'GET', path, query, schema, what, timeoutMs: callTimeoutMs, timeoutKind: 'network', signal });

  /** Follows `next.token` to the last page. */
  async function all<T extends z.ZodType>(path: string, item: T, what: string, signal?: AbortSignal): Promise<z.output<T>[]> {
    const page = wirePage(item);
    const out: z.output<T>[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      const answer = await get(path, page, what, signal, { size: 100, nextToken: token });
      out.push(...(answer.data as z.output<T>[]));
      token = answer.next?.token;
      if (!token) return out;
      if (seen.has(token)) break;
      seen.add(token);
    }
    throw new AppError('server-failed', `Nortech kept sending pages when asked to ${what}.`, {
      hint: 'Try again later; if it persists, contact Nortech support.',
    });
  }

  const unitPath = (w: string, a: string, d: string, u: string) =>
    `/api/v1/workspaces/${seg(w)}/assets/${seg(a)}/divisions/${seg(d)}/units/${seg(u)}`;

  return {
    me: (signal?: AbortSignal) => get('/api/me', WireMe, 'say who this key belongs to', signal),
    listWorkspaces: (signal?: AbortSignal) => all('/api/v1/workspaces', WireWorkspace, 'list the workspaces', signal),
    listAssets: (w: string, signal?: AbortSignal) =>
      all(`/api/v1/workspaces/${seg(w)}/assets`, WireAsset, `list the assets of ${w}`, signal),
    listDivisions: (w: string, a: string, signal?: AbortSignal) =>
      all(`/api/v1/workspaces/${seg(w)}/assets/${seg(a)}/divisions`, WireDivision, `list the divisions of ${a}`, signal),
    listUnits: (w: string, a: string, d: string, signal?: AbortSignal) =>
      all(`/api/v1/workspaces/${seg(w)}/assets/${seg(a)}/divisions/${seg(d)}/units`, WireUnit, `list the units of ${d}`, signal),
    listSignals: (w: string, a: string, d: string, u: string, signal?: AbortSignal) =>
      all(`${unitPath(w, a, d, u)}/signals`, WireSignal, `list the signals of ${u}`, signal),
    /** Every signal of a workspace, by its ID. */
    listWorkspaceSignals: (workspaceId: number, signal?: AbortSignal) =>
      all(`/api/v1/workspaces/${workspaceId}/signals`, WireSignal, 'list the signals of the workspace', signal),
    getSignal: (id: number, signal?: AbortSignal) => get(`/api/v1/signals/${id}`, WireSignal, `look up signal ${id}`, signal),
    getSignalByPath: (w: string, a: string, d: string, u: string, s: string, signal?: AbortSignal) =>
      get(`${unitPath(w, a, d, u)}/signals/${seg(s)}`, WireSignal, `look up signal ${[w, a, d, u, s].join('/')}`, signal),

    /**
     * The newest point of each signal (by ID; one workspace per call, or Nortech answers 422), keyed
     * by the ID. Tried once: the caller polls. 404 "Signal Data not found" (none has a point) is
     * the `no-data` error.
     */
    latestPoints: (ids: readonly number[], signal?: AbortSignal) =>
      apiCall(onceCfg, {
        method: 'POST',
        path: '/api/v1/live-data/points',
        body: ids,
        schema: WireLivePoints,
        what: 'read the newest values',
        timeoutMs: liveTimeoutMs,
        timeoutKind: 'network',
        signal,
      }),

    /** Asks for the data and waits (up to `syncTimeoutMs`) until the file is ready. */
    async requestDataSync(body: WireDataRequest, signal?: AbortSignal, onRetry?: (attempt: number, reason: string) => void) {
      const answer = await apiCall(cfg, {
        method: 'POST',
        path: '/api/v1/historical-data/sync',
        body,
        schema: z.union([WireFinished, WireFailed]),
        what: 'prepare the data',
        timeoutMs: syncTimeoutMs,
        timeoutKind: 'server-timeout',
        signal,
        onRetry,
      });
      if (answer.status !== 'Finished') throw failedError(answer, 200);
      return answer;
    },

    /** Asks for the data without waiting: Nortech answers Running (or already Finished). */
    requestDataAsync: (body: WireDataRequest, signal?: AbortSignal) =>
      apiCall(cfg, {
        method: 'POST',
        path: '/api/v1/historical-data/async',
        body,
        schema: WireRequestState,
        what: 'start preparing the data',
        timeoutMs: callTimeoutMs,
        timeoutKind: 'network',
        signal,
      }),
    dataRequestState: (requestId: number, signal?: AbortSignal) =>
      get(`/api/v1/historical-data/${requestId}`, WireRequestState, `check data request ${requestId}`, signal),

    /** The async way: start, then poll until Finished (or Failed, or `syncTimeoutMs` passes). */
    async requestDataPolling(body: WireDataRequest, signal?: AbortSignal, pollMs = 2_000) {
      const started = Date.now();
      let state = await this.requestDataAsync(body, signal);
      while (state.status === 'Running') {
        if (Date.now() - started > syncTimeoutMs) {
          throw new AppError('server-timeout', `Nortech did not finish data request ${state.requestId} in time.`, {
            requestId: state.requestId,
            hint: 'Shorten the time window or request fewer signals, then try again.',
            retryable: true,
          });
        }
        await sleep(pollMs, signal).catch(() => {
          throw new AppError('cancelled', 'Cancelled.');
        });
        state = await this.dataRequestState(state.requestId, signal);
      }
      if (state.status === 'Failed') throw failedError(state);
      return state;
    },
  };
}
