import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error';
import { startScriptedServer, type ScriptedServer, type SeenRequest } from '../../nortech/testing/scripted-server';
import { downloadFile } from './download-file';

// A fake parquet file: the download checks only length and the PAR1 markers.
const body = Buffer.concat([Buffer.from('PAR1'), randomBytes(200_000), Buffer.from('PAR1')]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Serves `body` like object storage: Content-Length, Accept-Ranges, 206 for a Range. */
function serve(opts: { ranges?: boolean; cutAt?: number } = {}) {
  return (res: ServerResponse, req: SeenRequest) => {
    const m = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    const start = m && opts.ranges !== false ? Number(m[1]) : 0;
    const slice = body.subarray(start);
    const headers: Record<string, string> = { 'content-length': String(slice.length), 'content-type': 'application/octet-stream' };
    if (opts.ranges !== false) {
      headers['accept-ranges'] = 'bytes';
      headers.etag = `"${sha(body).slice(0, 32)}"`;
    }
    if (start > 0) headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
    res.writeHead(start > 0 ? 206 : 200, headers);
    if (opts.cutAt === undefined) return res.end(slice);
    res.write(slice.subarray(0, opts.cutAt), () => res.socket?.destroy());
  };
}

let server: ScriptedServer;
let dir: string;
beforeAll(async () => {
  server = await startScriptedServer(serve());
  dir = await mkdtemp(join(tmpdir(), 'se-download-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const fast = { retryDelayMs: 1, parquet: true };
let n = 0;
const dest = () => join(dir, `f${n++}.parquet`);

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('downloadFile', () => {
  it('sends a plain GET: no Authorization, no header of ours', async () => {
    server.script(serve());
    const out = dest();
    const progress: number[] = [];
    await downloadFile({
      url: `${server.url}/files/x.parquet?X-Amz-Signature=abc`,
      dest: out,
      ...fast,
      onProgress: (d) => progress.push(d),
    });
    expect(sha(await readFile(out))).toBe(sha(body));
    const seen = server.requests[0]!;
    expect(seen.url).toBe('/files/x.parquet?X-Amz-Signature=abc');
    expect(Object.keys(seen.headers).sort()).toEqual(['connection', 'host']);
    expect(progress.at(-1)).toBe(body.length);
  });

  it('resumes a cut transfer with Range and gets identical bytes', async () => {
    server.script(serve({ cutAt: 70_000 }), serve());
    const out = dest();
    await downloadFile({ url: `${server.url}/x`, dest: out, ...fast });
    expect(sha(await readFile(out))).toBe(sha(body));
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.headers.range).toMatch(/^bytes=\d+-$/);
    expect(server.requests[1]!.headers['if-range']).toBe(`"${sha(body).slice(0, 32)}"`);
    expect(server.requests[1]!.headers.authorization).toBeUndefined();
  });

  it('starts over when the host does not take ranges', async () => {
    server.script(serve({ ranges: false, cutAt: 1000 }), serve({ ranges: false }));
    const out = dest();
    await downloadFile({ url: `${server.url}/x`, dest: out, ...fast });
    expect(sha(await readFile(out))).toBe(sha(body));
    expect(server.requests[1]!.headers.range).toBeUndefined();
  });

  it('a transfer cut at any point is detected and never kept', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: body.length - 1 }), async (cutAt) => {
        server.script(serve({ cutAt }));
        const out = dest();
        const e = await failure(downloadFile({ url: `${server.url}/x`, dest: out, ...fast, maxTries: 1 }));
        expect(e.kind).toBe('network');
        expect((await readdir(dir)).filter((f) => f.startsWith(out.split('/').pop()!))).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a file that is not parquet, and a host that refuses', async () => {
    server.script({ status: 200, text: 'hello, not parquet' });
    expect((await failure(downloadFile({ url: `${server.url}/x`, dest: dest(), ...fast }))).kind).toBe('file');
    server.script({ status: 403, text: 'expired' });
    const refused = await failure(downloadFile({ url: `${server.url}/x`, dest: dest(), ...fast }));
    expect([refused.kind, refused.details?.status, server.requests.length]).toEqual(['network', 403, 1]);
  });

  it('retries a host error, then gives up after five tries', async () => {
    server.script({ status: 503, text: 'busy' });
    expect((await failure(downloadFile({ url: `${server.url}/x`, dest: dest(), ...fast }))).kind).toBe('network');
    expect(server.requests).toHaveLength(5);
  });

  it('refuses URLs with credentials or other schemes before asking anything', async () => {
    server.script(serve());
    for (const url of [`http://u:p@127.0.0.1:1/x`, 'file:///etc/passwd', 'ftp://host/x', 'nonsense']) {
      expect((await failure(downloadFile({ url, dest: dest(), ...fast }))).kind).toBe('network');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('cancels mid-transfer and leaves nothing', async () => {
    server.script((res) => {
      res.writeHead(200, { 'content-length': String(body.length) });
      res.write(body.subarray(0, 1000));
    });
    const ctl = new AbortController();
    const out = dest();
    const pending = downloadFile({ url: `${server.url}/x`, dest: out, ...fast, signal: ctl.signal, onProgress: () => ctl.abort() });
    expect((await failure(pending)).kind).toBe('cancelled');
    expect((await readdir(dir)).filter((f) => f.startsWith(out.split('/').pop()!))).toEqual([]);
  });

  it('a body longer than its Content-Length is an error, not a short file, and is not asked again', async () => {
    server.script((res) => {
      // Straight onto the socket: a host that announces 1,000 bytes and sends 1,500.
      res.socket!.end(`HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n${'a'.repeat(1500)}`);
    });
    const out = dest();
    const e = await failure(downloadFile({ url: `${server.url}/x`, dest: out, ...fast, parquet: false }));
    expect([e.kind, e.message]).toEqual(['file', expect.stringMatching(/more bytes than the 1000 it announced/)]);
    expect(server.requests).toHaveLength(1);
    expect(await leftBehind(out)).toEqual([]);
  });
});

/** Files of this download still on disk: the file itself or its part. */
const leftBehind = async (out: string) => (await readdir(dir)).filter((f) => f.startsWith(out.split('/').pop()!));

/** Stops a download that would never end by itself, so that a test fails instead of hanging. */
function guarded(opts: Parameters<typeof downloadFile>[0], ms = 5_000) {
  const stop = AbortSignal.timeout(ms);
  return downloadFile({ ...opts, signal: stop });
}

/** An endless body without Content-Length: `bytes` every `everyMs`. */
const endless = (bytes: number, everyMs: number) => (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/csv' });
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(Buffer.alloc(bytes, 0x31))), everyMs);
  res.on('close', () => clearInterval(timer));
};

describe('downloadFile bounds', () => {
  it('without Content-Length, a body past maxBytes stops there: an error, nothing left, not retried', async () => {
    server.script(endless(64 * 1024, 1));
    const out = dest();
    const e = await failure(guarded({ url: `${server.url}/x`, dest: out, ...fast, parquet: false, maxBytes: 1_000_000 }));
    expect([e.kind, e.message]).toEqual(['file', expect.stringMatching(/larger than 1\.0 MB/)]);
    expect(server.requests).toHaveLength(1);
    expect(await leftBehind(out)).toEqual([]);
  });

  it('a Content-Length above maxBytes is refused before a byte is written', async () => {
    server.script((res) => {
      res.writeHead(200, { 'content-length': String(50 * 1024 ** 3) });
      res.write('x');
    });
    const out = dest();
    const e = await failure(guarded({ url: `${server.url}/x`, dest: out, ...fast, parquet: false, maxBytes: 1_000_000 }));
    expect([e.kind, e.message]).toEqual(['file', expect.stringMatching(/larger than 1\.0 MB/)]);
    expect(server.requests).toHaveLength(1);
  });

  it('an overall deadline ends a body that trickles forever (each byte in time for the idle timeout)', async () => {
    server.script(endless(1, 20));
    const out = dest();
    const started = Date.now();
    const e = await failure(guarded({ url: `${server.url}/x`, dest: out, ...fast, parquet: false, deadlineMs: 400 }));
    expect([e.kind, e.message]).toEqual(['network', expect.stringMatching(/did not finish within 0\.4 s/)]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
    expect(await leftBehind(out)).toEqual([]);
  });

  it('the deadline covers the waits between tries too', async () => {
    server.script({ status: 503, text: 'busy' });
    const started = Date.now();
    const e = await failure(guarded({ url: `${server.url}/x`, dest: dest(), retryDelayMs: 10_000, deadlineMs: 300 }));
    expect(e.message).toMatch(/did not finish within/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
