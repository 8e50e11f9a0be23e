import http from 'node:http';
import https from 'node:https';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { Logger } from '../log/logger';
import { errorFromResponse, isRetryableStatus, unexpectedAnswer } from './api-errors';
import { httpRequest, NetworkFailure, readBody } from './http-request';
import { backoffDelay, parseRetryAfter, sleep, type RetryPolicy } from './retry';

/*
 * One call to the Nortech API with everything around it: the bearer key, our User-Agent, the
 * connect and whole-call deadlines, cancellation, and retries of what is worth retrying
 * (network errors, 502/503/504 honouring Retry-After; never a 4xx or a data request's Failed).
 */

export interface ApiCallConfig {
  apiUrl: string;
  apiKey: string;
  userAgent: string;
  connectTimeoutMs: number;
  retry: RetryPolicy;
  random: () => number;
  /** Each API error (status, Nortech's own message) as a warning; each call at debug. */
  log: Logger;
}

export interface ApiCall<S extends z.ZodType> {
  method: 'GET' | 'POST';
  /** Path below the base URL, already encoded, e.g. `/api/v1/workspaces`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: S;
  /** What we asked, for messages: "list the workspaces". */
  what: string;
  timeoutMs: number;
  /** Whose fault a missed deadline is: the sync call's server work, or the network. */
  timeoutKind: 'server-timeout' | 'network';
  signal?: AbortSignal;
  /** Told before each retry: the try about to start (2, 3…) and why the last one failed. */
  onRetry?: (attempt: number, reason: string) => void;
}

/** The largest answer read (a metadata page is kilobytes; the data itself comes as a file). */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

type Attempt<T> = { ok: true; value: T } | { ok: false; error: AppError; retryAfterMs: number | null };

export function buildUrl(apiUrl: string, path: string, query?: ApiCall<z.ZodType>['query']): URL {
  const url = new URL(apiUrl.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

function networkError(url: URL, failure: NetworkFailure): AppError {
  return new AppError('network', `Could not reach Nortech at ${url.host}: ${failure.message}.`, {
    hint: 'Check your network connection and the API URL, then try again.',
    retryable: true,
  });
}

function timeoutError(call: ApiCall<z.ZodType>): AppError {
  const limit = call.timeoutMs >= 60_000 ? `${Math.round(call.timeoutMs / 60_000)} min` : `${Math.round(call.timeoutMs / 1000)} s`;
  return call.timeoutKind === 'server-timeout'
    ? new AppError('server-timeout', `Nortech did not answer within ${limit} while asked to ${call.what}.`, {
        hint: 'Shorten the time window or request fewer signals, or allow a longer wait, then try again.',
        retryable: true,
      })
    : new AppError('network', `Nortech did not answer within ${limit} while asked to ${call.what}.`, {
        hint: 'Check your network connection and try again.',
        retryable: true,
      });
}

export const cancelledError = () => new AppError('cancelled', 'Cancelled.');

function tooLargeAnswer(call: ApiCall<z.ZodType>): AppError {
  return new AppError(
    'server-failed',
    `Nortech's answer when asked to ${call.what} is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB: Signal Explorer does not read it.`,
    {
      hint: 'Check that the API URL points at the Nortech API; if it does, contact Nortech support.',
      retryable: false,
    },
  );
}

async function attempt<S extends z.ZodType>(cfg: ApiCallConfig, call: ApiCall<S>, url: URL): Promise<Attempt<z.output<S>>> {
  const deadline = AbortSignal.timeout(call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, deadline]) : deadline;
  const headers: Record<string, string> = {
    authorization: `Bearer ${cfg.apiKey}`,
    'user-agent': cfg.userAgent,
    accept: 'application/json',
  };
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  let status: number;
  let raw: Buffer;
  let retryAfter: string | string[] | undefined;
  const started = Date.now();
  const facts = () => ({ method: call.method, path: url.pathname, what: call.what, ms: Date.now() - started });
  try {
    const agent = url.protocol === 'https:' ? agents.https : agents.http;
    const res = await httpRequest(url, { method: call.method, headers, body, signal, connectTimeoutMs: cfg.connectTimeoutMs, agent });
    status = res.statusCode ?? 0;
    retryAfter = res.headers['retry-after'];
    raw = await readBody(res, MAX_ANSWER_BYTES);
  } catch (error) {
    if (call.signal?.aborted) throw cancelledError();
    if (deadline.aborted) {
      cfg.log.warn('Nortech API call timed out', { ...facts(), timeoutMs: call.timeoutMs });
      throw timeoutError(call);
    }
    if (error instanceof NetworkFailure) cfg.log.warn('Nortech API unreachable', { ...facts(), code: error.code, reason: error.message });
    // An answer we will not read is no network hiccup: asking again brings the same.
    if (error instanceof NetworkFailure && error.code === 'TOO_LARGE') throw tooLargeAnswer(call);
    if (error instanceof NetworkFailure) {
      const appError = networkError(url, error);
      // An unknown host name is a typo, not a hiccup: trying again cannot help.
      if (error.code === 'ENOTFOUND') throw appError;
      return { ok: false, error: appError, retryAfterMs: null };
    }
    throw error;
  }
  let json: unknown;
  try {
    json = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
  } catch {
    // Not JSON (a proxy's HTML page): the status decides, and the log keeps the text's start.
    json = undefined;
  }
  if (status >= 200 && status < 300) {
    const parsed = call.schema.safeParse(json);
    if (parsed.success) {
      cfg.log.debug('Nortech API call', { ...facts(), status });
      return { ok: true, value: parsed.data };
    }
    cfg.log.warn('Nortech API answer not understood', { ...facts(), status, issue: parsed.error.issues[0]?.message });
    throw unexpectedAnswer(status, call.what);
  }
  cfg.log.warn('Nortech API error', { ...facts(), status, apiMessage: apiMessage(json, raw) });
  if (isRetryableStatus(status, json)) {
    const error = errorFromResponse(status, json, call.what);
    const retryAfterMs = parseRetryAfter(retryAfter);
    // Kept on the error, for a caller that does its own retrying (the live poller).
    const told = retryAfterMs === null ? error : new AppError(error.kind, error.message, { ...error.details, retryAfterMs });
    return { ok: false, error: told, retryAfterMs };
  }
  throw errorFromResponse(status, json, call.what);
}

/** What Nortech said in an error's body, for the log: its own words, cut short. */
function apiMessage(json: unknown, raw: Buffer): string {
  const text = json === undefined ? raw.toString('utf8', 0, Math.min(raw.length, 300)) : JSON.stringify(json);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Runs the call, retrying as the policy allows; throws one AppError. The key never appears in it. */
export async function apiCall<S extends z.ZodType>(cfg: ApiCallConfig, call: ApiCall<S>): Promise<z.output<S>> {
  const url = buildUrl(cfg.apiUrl, call.path, call.query);
  const tries = Math.max(1, Math.min(5, cfg.retry.maxTries));
  for (let i = 0; ; i++) {
    const result = await attempt(cfg, call, url);
    if (result.ok) return result.value;
    const last = i + 1 >= tries;
    if (last || (result.retryAfterMs !== null && result.retryAfterMs > cfg.retry.maxRetryAfterMs)) throw result.error;
    const wait = result.retryAfterMs ?? backoffDelay(cfg.retry, i, cfg.random);
    cfg.log.info('Nortech API call tried again', { what: call.what, attempt: i + 2, waitMs: wait, reason: result.error.message });
    call.onRetry?.(i + 2, result.error.message);
    try {
      await sleep(wait, call.signal);
    } catch {
      // sleep rejects only when the signal aborts: the user cancelled.
      throw cancelledError();
    }
  }
}
