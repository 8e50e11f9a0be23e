import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request as a hostile page, a rebinding DNS or curl would send it: the path goes on the wire
 * exactly as given (no normalising), Host and Origin are whatever the test sets.
 */
export function send(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads what it expects from the answer
type Loose = any;

/** A contract call with the token, as the window makes it; answers the parsed envelope. */
export async function callWithToken(
  port: number,
  token: string,
  name: string,
  input: unknown,
): Promise<{ ok: boolean; value?: Loose; error?: Loose }> {
  const res = await send(port, `/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signal-explorer-token': token },
    body: JSON.stringify(input === undefined ? {} : { input }),
  });
  if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${res.body}`);
  return JSON.parse(res.body);
}
