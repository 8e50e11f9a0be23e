import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

/*
 * One HTTP exchange on node:http(s): nothing is sent but the headers we pass (fetch would add its
 * own), the connect phase has its own timeout, and an AbortSignal ends it at any point.
 */

/** Could not talk to the host at all (refused, reset, DNS, TLS, connect timeout). */
export class NetworkFailure extends Error {
  override readonly name = 'NetworkFailure';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface HttpRequestOptions {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  connectTimeoutMs: number;
  agent?: http.Agent | https.Agent;
}

export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const err = new Error('The operation was aborted.');
  err.name = 'AbortError';
  return err;
}

const FRIENDLY: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name is unknown',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection broke',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  CONNECT_TIMEOUT: 'the connection could not be opened in time',
};

export function toNetworkFailure(error: unknown): NetworkFailure | Error {
  if (error instanceof NetworkFailure) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  const code = (error as { code?: unknown })?.code;
  const codeText = typeof code === 'string' ? code : 'ENETWORK';
  const friendly =
    FRIENDLY[codeText] ??
    (error instanceof Error && /hang up/i.test(error.message) ? 'the connection closed early' : 'the connection failed');
  return new NetworkFailure(friendly, codeText);
}

/** Sends the request and resolves with the response head; the body is left to the caller to read. */
export function httpRequest(url: URL, opts: HttpRequestOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(abortError(opts.signal));
    const lib = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
    const req = lib.request(url, { method: opts.method, headers, agent: opts.agent, signal: opts.signal });
    let connectTimer: NodeJS.Timeout | undefined;
    req.on('socket', (socket) => {
      // A reused keep-alive socket is already connected; only a fresh one gets a connect deadline.
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => req.destroy(new NetworkFailure(FRIENDLY.CONNECT_TIMEOUT!, 'CONNECT_TIMEOUT')), opts.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    let response: IncomingMessage | null = null;
    req.on('response', (res) => {
      clearTimeout(connectTimer);
      response = res;
      resolve(res);
    });
    req.on('error', (error) => {
      clearTimeout(connectTimer);
      const failure = opts.signal?.aborted ? abortError(opts.signal) : toNetworkFailure(error);
      // After the head: the body's reader must hear of it (e.g. bytes past Content-Length).
      if (response) response.destroy(failure);
      else reject(failure);
    });
    req.end(opts.body);
  });
}

/** The whole body, refusing more than `limit` bytes (a metadata page is small; a runaway is not). */
export async function readBody(res: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Said before reading a byte, when the host says how much it will send.
  if (Number(res.headers['content-length']) > limit) {
    res.destroy();
    throw new NetworkFailure(`the answer is larger than ${limit} bytes`, 'TOO_LARGE');
  }
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        res.destroy();
        throw new NetworkFailure(`the answer is larger than ${limit} bytes`, 'TOO_LARGE');
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw toNetworkFailure(error);
  }
  // An answer is complete only if it ended as announced.
  if (!res.complete) throw new NetworkFailure('the connection closed early', 'ECONNRESET');
  return Buffer.concat(chunks);
}
