import { RequestedSignal, type FieldIssue } from '../../src-preload/contract';
import { clipText, LIMITS } from '../../src-preload/contract/bounds';
import { AppError } from '../errors/app-error';
import { WireDataNotFound, WireFailed, WireSignalsNotFound, WireStatusOnly, WireUnauthorized, WireValidationError } from './wire';

/*
 * Turns an HTTP answer that is not a success into the one AppError of its kind. Both error shapes
 * of the reference are understood: the brief's (`errors[]`, 500 Failed) and the OpenAPI's
 * (`details` string, 503 Failed with nested details).
 */

const KEY_HINT =
  "Check the API key in the connection's settings (or NORTECH_API_KEY for the command line); ask your Nortech administrator for a new key if it has expired.";

/** Gateway answers that say "try again": retried unless the body is a data request's `Failed`. */
export function isRetryableStatus(status: number, body: unknown): boolean {
  return (status === 502 || status === 503 || status === 504) && !WireFailed.safeParse(body).success;
}

export function failedError(failed: WireFailed, status?: number): AppError {
  const requestId = 'details' in failed ? failed.details.requestId : failed.requestId;
  const error = apiText('details' in failed ? failed.details.error : failed.error);
  const ref = requestId !== undefined ? ` (request ${requestId})` : '';
  const details = { ...(status !== undefined ? { status } : {}), ...(requestId !== undefined ? { requestId } : {}) };
  if (/timed out/i.test(error)) {
    return new AppError('server-timeout', `Nortech took too long to prepare the data${ref}.`, {
      ...details,
      hint: 'Shorten the time window or request fewer signals, then try again.',
      retryable: true,
    });
  }
  return new AppError('server-failed', `Nortech could not prepare the data${ref}: ${error}.`, {
    ...details,
    hint: `Try again in a few minutes; if it keeps failing, contact Nortech support${requestId !== undefined ? ` and quote request ${requestId}` : ''}.`,
    retryable: true,
  });
}

/*
 * Texts from the API are shown and kept in History: each is cut, and lists are capped (a request
 * names at most 500 signals, so no answer may list more as missing).
 */
const API_TEXT = 500;
const MAX_FIELDS = 20;
const apiText = (text: string) => clipText(text, API_TEXT);

function validationFields(body: unknown): FieldIssue[] | null {
  const parsed = WireValidationError.safeParse(body);
  if (!parsed.success) return null;
  if ('errors' in parsed.data) {
    return parsed.data.errors.slice(0, MAX_FIELDS).map((e) => ({ path: apiText(e.location ?? 'body'), message: apiText(e.error) }));
  }
  return [{ path: 'request', message: apiText(parsed.data.details) }];
}

/** A missing signal as the API named it, kept small: an ID, or the five names of a path. */
function missingSignal(s: unknown): unknown {
  if (typeof s === 'number') return s;
  if (typeof s === 'string') return clipText(s, LIMITS.name);
  if (s && typeof s === 'object') {
    const o = s as Record<string, unknown>;
    const keep = ['workspace', 'asset', 'division', 'unit', 'signal', 'rename'].filter((k) => typeof o[k] === 'string');
    return Object.fromEntries(keep.map((k) => [k, clipText(o[k] as string, LIMITS.name)]));
  }
  return null;
}

/** The error for a non-2xx answer (or a 2xx whose body does not fit). `what` names the call for the message. */
export function errorFromResponse(status: number, body: unknown, what: string): AppError {
  if (status === 400) {
    const fields = validationFields(body) ?? [{ path: 'request', message: 'The request was refused as invalid.' }];
    const first = fields[0]?.message ?? 'invalid request';
    return new AppError('validation', `Nortech refused the request as invalid: ${first}`, {
      status,
      fields,
      hint: 'Correct the request (signals, time window, format) and try again.',
    });
  }
  if (status === 401 || WireUnauthorized.safeParse(body).success) {
    return new AppError('unauthorized', 'Nortech did not accept the API key.', { status, hint: KEY_HINT });
  }
  if (status === 403) {
    return new AppError('unauthorized', `This API key may not ${what}.`, { status, hint: KEY_HINT });
  }
  if (status === 404) {
    const missing = WireSignalsNotFound.safeParse(body);
    if (missing.success) {
      const all = missing.data.details.signals;
      const kept = all.slice(0, LIMITS.signals).map(missingSignal);
      const shown = kept.slice(0, 10).map(describeSignal).join(', ');
      const names = all.length > 10 ? `${shown} and ${all.length - 10} more` : shown;
      // As the request named them: IDs, or paths with their rename (typed for the window).
      const signals = kept.flatMap((s) => {
        const typed = RequestedSignal.safeParse(s);
        return typed.success ? [typed.data] : [];
      });
      return new AppError(
        'signals-not-found',
        `Nortech does not know ${all.length === 1 ? 'this signal' : `these ${all.length} signals`}: ${names}.`,
        {
          status,
          signals,
          hint: 'Remove them from the selection, or check their names and IDs.',
        },
      );
    }
    if (WireDataNotFound.safeParse(body).success) {
      return new AppError('no-data', 'None of the signals has data in this time window.', {
        status,
        hint: 'Choose a wider or earlier time window.',
      });
    }
    const said = WireStatusOnly.safeParse(body);
    return new AppError('not-found', said.success ? `${apiText(said.data.status)}.` : `Nortech found nothing to ${what}.`, {
      status,
      hint: 'It may have been renamed or removed: refresh the list.',
    });
  }
  if (status === 422) {
    // The live endpoint's "Signals must belong to the same workspace".
    const said = WireStatusOnly.safeParse(body);
    const reason = said.success ? apiText(said.data.status) : 'it cannot be processed';
    return new AppError('validation', `Nortech refused the request: ${reason}.`, {
      status,
      fields: [{ path: 'signals', message: reason }],
      hint: 'Correct the request and try again.',
    });
  }
  const failed = WireFailed.safeParse(body);
  if (failed.success) return failedError(failed.data, status);
  if (status >= 500) {
    return new AppError('server-failed', `Nortech is not available right now (HTTP ${status}).`, {
      status,
      hint: 'Try again in a few minutes.',
      retryable: true,
    });
  }
  return unexpectedAnswer(status, what);
}

export function unexpectedAnswer(status: number, what: string): AppError {
  return new AppError(
    'server-failed',
    `Nortech answered in a way Signal Explorer does not understand when asked to ${what} (HTTP ${status}).`,
    {
      status,
      hint: 'Check that the API URL points at the Nortech API; if it does, try again later.',
      retryable: false,
    },
  );
}

/** `Site/Asset/Division/Unit/Signal` for search JSON, the number for an ID. */
export function describeSignal(s: unknown): string {
  if (typeof s === 'number' || typeof s === 'string') return String(s);
  if (s && typeof s === 'object') {
    const o = s as Record<string, unknown>;
    const parts = [o.workspace, o.asset, o.division, o.unit, o.signal];
    if (parts.every((p) => typeof p === 'string')) return parts.join('/');
  }
  return JSON.stringify(s) ?? String(s);
}
