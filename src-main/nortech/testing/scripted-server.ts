import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A tiny real HTTP server for tests: each request is answered by the next scripted reply (the last
 * one repeats), and every request is recorded with its headers and body. It speaks the shapes the
 * emulator does not (the OpenAPI's `details` and 503 answers) and misbehaves on demand.
 */

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Reply =
  { status: number; json?: unknown; text?: string; headers?: Record<string, string> } | ((res: ServerResponse, req: SeenRequest) => void);

export interface ScriptedServer {
  url: string;
  requests: SeenRequest[];
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startScriptedServer(...initial: Reply[]): Promise<ScriptedServer> {
  let replies = initial;
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
      const reply = replies[Math.min(requests.length, replies.length - 1)];
      requests.push(seen);
      if (!reply) return res.writeHead(500).end('no reply scripted');
      if (typeof reply === 'function') return reply(res, seen);
      const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
      res.writeHead(reply.status, { 'content-type': reply.json !== undefined ? 'application/json' : 'text/plain', ...reply.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...next) => {
      replies = next;
      requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
