import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedServer, type SeenRequest } from '../../nortech/testing/scripted-server';
import { createDownloadThread, type Downloader } from './download-thread';

// A fake parquet file of 2 MB: the download checks only its length and the PAR1 markers.
const body = Buffer.concat([Buffer.from('PAR1'), randomBytes(2_000_000), Buffer.from('PAR1')]);

function serve(opts: { cutAt?: number; stallAt?: number } = {}) {
  return (res: ServerResponse, req: SeenRequest) => {
    const m = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    const start = m ? Number(m[1]) : 0;
    const slice = body.subarray(start);
    res.writeHead(start > 0 ? 206 : 200, {
      'content-length': String(slice.length),
      'accept-ranges': 'bytes',
      ...(start > 0 ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    if (opts.cutAt !== undefined) return res.write(slice.subarray(0, opts.cutAt), () => res.socket?.destroy());
    // Sends the start, then nothing more (until the test ends the connection).
    if (opts.stallAt !== undefined) return res.write(slice.subarray(0, opts.stallAt));
    res.end(slice);
  };
}

let server: ScriptedServer;
let dir: string;
let thread: Downloader;
beforeAll(async () => {
  server = await startScriptedServer(serve());
  dir = await mkdtemp(join(tmpdir(), 'se-download-thread-'));
  thread = createDownloadThread();
});
afterAll(async () => {
  await thread.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the download thread', () => {
  it('downloads a file byte for byte, telling its progress up to the whole', async () => {
    server.script(serve());
    const dest = join(dir, 'whole.parquet');
    const progress: [number, number | undefined][] = [];
    const result = await thread.download({
      url: `${server.url}/f`,
      dest,
      parquet: true,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result).toEqual({ bytes: body.length, total: body.length });
    expect((await readFile(dest)).equals(body)).toBe(true);
    expect(progress.at(-1)).toEqual([body.length, body.length]);
    expect(progress.every(([done], i) => i === 0 || done > progress[i - 1]![0])).toBe(true);
    expect(server.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it("fails as downloadFile does, with the host's answer in the details (the runner asks again on a refused link)", async () => {
    server.script({ status: 404, text: 'NoSuchKey' });
    const failed = await thread
      .download({ url: `${server.url}/gone`, dest: join(dir, 'gone.parquet'), parquet: true })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ kind: 'network', details: { status: 404 } });
    expect(String((failed as Error).message)).toContain('HTTP 404');
  });

  it('tells each retry, and resumes where the cut left off', async () => {
    server.script(serve({ cutAt: 700_000 }), serve());
    const dest = join(dir, 'resumed.parquet');
    const retries: [number, string][] = [];
    const result = await thread.download({
      url: `${server.url}/f`,
      dest,
      parquet: true,
      retryDelayMs: 1,
      onRetry: (attempt, reason) => retries.push([attempt, reason]),
    });
    expect(result.bytes).toBe(body.length);
    expect((await readFile(dest)).equals(body)).toBe(true);
    expect(retries.map(([attempt]) => attempt)).toEqual([2]);
    expect(server.requests[1]!.headers.range).toMatch(/^bytes=\d+-$/);
  });

  it('stops on cancel: the download answers cancelled and leaves no file', async () => {
    server.script(serve({ stallAt: 100_000 }));
    const controller = new AbortController();
    const dest = join(dir, 'cancelled.parquet');
    const running = thread.download({
      url: `${server.url}/f`,
      dest,
      parquet: true,
      signal: controller.signal,
      // Cancelled once the first bytes are in.
      onProgress: () => controller.abort(),
    });
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
    expect((await readdir(dir)).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });

  it('runs several downloads at once, each answered with its own file', async () => {
    server.script(serve());
    const dests = [0, 1, 2].map((i) => join(dir, `many-${i}.parquet`));
    const results = await Promise.all(dests.map((dest) => thread.download({ url: `${server.url}/f`, dest, parquet: true })));
    expect(results.map((r) => r.bytes)).toEqual([body.length, body.length, body.length]);
    for (const dest of dests) expect((await readFile(dest)).length).toBe(body.length);
  });

  it('answers cancelled for what is in flight when it is closed, and refuses more', async () => {
    const own = createDownloadThread();
    server.script(serve({ stallAt: 100_000 }));
    const running = own.download({
      url: `${server.url}/f`,
      dest: join(dir, 'closed.parquet'),
      parquet: true,
      onProgress: () => void own.close(),
    });
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
    await expect(own.download({ url: `${server.url}/f`, dest: join(dir, 'after.parquet') })).rejects.toMatchObject({ kind: 'internal' });
  });
});
