/**
 * Browser mode's twin of the preload: the same `Api` shape, built from the same contract, over
 * HTTP calls and server-sent events to the local host, with this run's token.
 */
import { apiPath, callNames, eventNames, type Api } from '../../../src-preload/contract';
import { decodeEnvelope, ENVELOPE_WIRE_TYPE } from '../../../src-preload/contract/envelope-wire';

const TOKEN_HEADER = 'x-signal-explorer-token';

export function readPageToken(doc: Document = document): string | null {
  return doc.querySelector<HTMLMetaElement>('meta[name="signal-explorer-token"]')?.content ?? null;
}

export function createHttpApi(token: string, base = ''): Api {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of callNames) {
    const [domain, method] = apiPath(name, false);
    (api[domain] ??= {})[method] = async (input: unknown) => {
      let response: Response;
      try {
        response = await fetch(`${base}/api/call/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: `${ENVELOPE_WIRE_TYPE}, application/json`, [TOKEN_HEADER]: token },
          body: JSON.stringify({ input }),
        });
      } catch {
        // fetch's own error says nothing more than this (it hides why, by design).
        return { ok: false, error: { kind: 'network', message: 'Lost contact with Signal Explorer. Is it still running?' } };
      }
      if (!response.ok) {
        return {
          ok: false,
          error: { kind: 'forbidden', message: `Signal Explorer refused the call (${response.status}): ${await response.text()}` },
        };
      }
      // Long arrays of numbers come as raw doubles (a chart's points: see envelope-wire.ts).
      if (response.headers.get('content-type')?.startsWith(ENVELOPE_WIRE_TYPE)) return decodeEnvelope(await response.arrayBuffer());
      return response.json();
    };
  }

  // One event stream for every event; EventSource reconnects by itself.
  let source: EventSource | null = null;
  const stream = () => (source ??= new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`));
  for (const name of eventNames) {
    const [domain, method] = apiPath(name, true);
    (api[domain] ??= {})[method] = (listener: (payload: unknown) => void) => {
      const forward = (e: MessageEvent<string>) => listener(JSON.parse(e.data));
      stream().addEventListener(name, forward);
      return () => stream().removeEventListener(name, forward);
    };
  }
  return api as unknown as Api;
}
