import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Handlers } from '../bridge/handlers';
import type { EventHub } from '../bridge/event-hub';
import { dispatch } from '../bridge/dispatch';
import type { Downloads } from './downloads';
import { pathRedactor, redactEnvelope, redactErrors, type PrivateFolder } from './redact-paths';
import { cookieMayOpen, oneString, refuseReason, sameToken, TOKEN_HEADER, tokenCookie, tokenFromCookie } from './guard';
// A pure module (no electron import): the same policy the desktop app's index.html carries.
import { contentSecurityPolicy } from '../electron/policy/csp';
import { encodeEnvelope, ENVELOPE_WIRE_TYPE, plainJson } from '../../src-preload/contract/envelope-wire';
import { BufferPool } from '../preview/buffer-pool';

export interface BrowserHostOptions {
  handlers: Handlers;
  events: EventHub;
  downloads: Downloads;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  port?: number;
  /** Fixed in tests; a fresh random one per run otherwise. */
  token?: string;
  /** Folders of the app (data, cache) that answers name by a label instead of their path. */
  privateFolders?: PrivateFolder[];
}

const CLIENT_ERRORS: Record<number, string> = {
  400: 'Bad request: send the call as JSON.',
  403: 'Forbidden.',
  404: 'Not found.',
  413: 'The request is too large.',
  415: 'Send the call as JSON.',
};

export interface BrowserHost {
  /** Open this: it carries the token. */
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Browser mode: serves the built window and answers the same contract over HTTP (calls as POSTs,
 * events as server-sent events). Only on 127.0.0.1, only with this run's token, only from our Origin.
 */
export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  // forceCloseConnections: open event streams must not keep close() waiting.
  const app = Fastify({
    logger: false,
    bodyLimit: 4 * 1024 * 1024,
    forceCloseConnections: true,
    // A URL the router cannot decode (`/%6%31pi`): fastify's answer would echo it, token and all.
    frameworkErrors: (_error, _req, reply) => void (reply as FastifyReply).code(400).type('text/plain').send('Bad request.'),
    // A request node cannot parse (a backslash in the path, a broken header): say so and close,
    // saying we close, so that a keep-alive client does not send its next request into a dead
    // socket. No body: the request may have been a HEAD.
    clientErrorHandler: (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    },
  });
  let port = 0;
  const redact = pathRedactor([...(opts.privateFolders ?? []), { path: opts.rendererDir, label: '<app>' }]);

  // Answers of our own making only: fastify's would echo the URL (with its token) or an error's
  // message (with a path of this machine).
  app.setNotFoundHandler((_req, reply) => reply.code(404).type('text/plain').send('Not found.'));
  app.setErrorHandler((error: { statusCode?: number }, _req, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const text = CLIENT_ERRORS[status] ?? (status < 500 ? 'Bad request.' : 'Something went wrong inside Signal Explorer.');
    return reply.code(status).type('text/plain').send(text);
  });

  const deny = (reply: FastifyReply, why: string) => reply.code(403).type('text/plain').send(`Forbidden: ${why}.`);
  const queryToken = (req: FastifyRequest) => oneString((req.query as Record<string, unknown> | undefined)?.token);

  app.addHook('onRequest', async (req, reply) => {
    const why = refuseReason({ host: req.headers.host, origin: req.headers.origin }, port);
    if (why) return deny(reply, why);
    // Decide on the route the router will run (it has decoded the URL: /%61pi/call/x is /api/call/x),
    // never on the raw string. Nothing matched: the not-found answer, behind the same checks as a page.
    const route = req.routeOptions.url;
    if (route !== undefined && route.startsWith('/api/')) {
      // Calls, events and downloads: the token itself, never the cookie alone (any local page could send it).
      if (!sameToken(oneString(req.headers[TOKEN_HEADER]) ?? queryToken(req), token)) return deny(reply, 'missing or wrong token');
      return;
    }
    const given = queryToken(req) ?? (cookieMayOpen(req.headers['sec-fetch-site']) ? tokenFromCookie(req.headers.cookie, port) : undefined);
    if (!sameToken(given, token)) return deny(reply, 'open the URL with its token, as printed at start');
  });

  app.post<{ Params: { name: string }; Body: { input?: unknown } | undefined }>('/api/call/:name', async (req, reply) => {
    const body = req.body && typeof req.body === 'object' ? req.body : {};
    const envelope = redactEnvelope(await dispatch(opts.handlers, req.params.name, body.input, { transport: 'http' }), redact);
    // The window asks for a chart's doubles as raw bytes (see envelope-wire.ts); others get JSON.
    if (!String(req.headers.accept ?? '').includes(ENVELOPE_WIRE_TYPE)) return reply.type('application/json').send(plainJson(envelope));
    let held: ArrayBuffer | undefined;
    const bytes = encodeEnvelope(envelope, (n) => new Uint8Array((held = envelopeBuffers.take(n)), 0, n));
    // The bytes are the socket's until the response is over; then the next answer may have them.
    reply.raw.once('close', () => held && envelopeBuffers.give(held));
    return reply.type(ENVELOPE_WIRE_TYPE).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  app.get('/api/events', (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = opts.events.subscribe((name, payload) => {
      // plainJson: a Live update's doubles as arrays (NaN as null), which the contract's Doubles take.
      res.write(`event: ${name}\ndata: ${plainJson(redactErrors(payload, redact))}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });

  app.get<{ Params: { id: string } }>('/api/download/:id', async (req, reply) => {
    const file = opts.downloads.get(req.params.id);
    if (!file) return reply.code(404).type('text/plain').send('This download has expired. Save again.');
    // Opened before answering, so that a file removed meanwhile (History's "remove") is a 404.
    const handle = await open(file.filePath, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw error;
    });
    if (!handle) return reply.code(404).type('text/plain').send('This file is no longer available. Save again.');
    const name = encodeURIComponent(file.fileName);
    return reply
      .header('content-disposition', `attachment; filename*=UTF-8''${name}`)
      .type('application/octet-stream')
      .send(handle.createReadStream());
  });

  // The window's page carries the token in a meta tag, so calls can send it as a header.
  const indexHtml = async (reply: FastifyReply) => {
    const html = await readFile(join(opts.rendererDir, 'index.html'), 'utf8');
    const cookie = `${tokenCookie(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    return reply
      .header('set-cookie', cookie)
      .header('cache-control', 'no-store')
      .header('content-security-policy', contentSecurityPolicy('header'))
      .type('text/html')
      .send(html.replace('<head>', `<head><meta name="signal-explorer-token" content="${token}">`));
  };
  app.get('/', (_req, reply) => indexHtml(reply));
  app.get('/index.html', (_req, reply) => indexHtml(reply));
  await app.register(fastifyStatic, { root: opts.rendererDir, index: false, wildcard: true });

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}/?token=${token}`, origin, token, port, close: () => app.close() };
}

/**
 * The envelope's bytes in a buffer reused from one answer to the next (one kept; answers in flight
 * at once get their own). A fresh 3 MB buffer for every zoom of XL was one of the allocations that
 * kept V8 collecting in the host (see preview/buffer-pool.ts).
 */
const envelopeBuffers = new BufferPool(1);
