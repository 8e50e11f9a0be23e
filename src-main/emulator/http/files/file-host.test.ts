import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXED_NOW, signalNamed, startTestEmulator, type TestEmulator } from '../../testing/fixture';

/*
 * The file host behind outputFile URLs: signatures, expiry and deletion, the Authorization trap,
 * Range / Content-Length / ETag, and the download faults.
 */

let emu: TestEmulator;
let url: string;
let full: Buffer;
beforeAll(async () => {
  emu = await startTestEmulator({ fileTtlMs: 60_000 });
  const wind = signalNamed('Nacelle', 'Wind Speed');
  const res = await emu.post('/api/v1/historical-data/sync', {
    signals: [wind.id],
    timeWindow: { start: '2025-03-01T00:00:00Z', end: '2025-03-01T03:00:00Z' },
    format: 'csv',
  });
  url = ((await res.json()) as { outputFile: string }).outputFile;
  full = Buffer.from(await (await fetch(url)).arrayBuffer());
});
beforeEach(() => {
  emu.resetFaults();
  emu.setNow(FIXED_NOW);
});
afterAll(() => emu.close());

/** A raw GET that reports how many body bytes arrived and whether the response completed. */
function rawGet(
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; bytes: number; complete: boolean; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let bytes = 0;
    let status = 0;
    const done = (complete: boolean) => resolve({ status, bytes, complete, ms: performance.now() - t0 });
    const req = httpRequest(target, { headers }, (res) => {
      status = res.statusCode ?? 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => done(res.complete));
      res.on('error', () => done(false));
      res.on('aborted', () => done(false));
    });
    req.on('error', () => done(false));
    req.end();
  });
}

describe('signed URLs', () => {
  it('downloads with plain GET: Content-Length, ETag (MD5), content type, Accept-Ranges', async () => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(full.length));
    expect(res.headers.get('etag')).toBe(`"${createHash('md5').update(full).digest('hex')}"`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(full.toString('utf8', 0, 9)).toBe('timestamp');
  });

  it('403 when unsigned or tampered', async () => {
    const u = new URL(url);
    const unsigned = await fetch(`${u.origin}${u.pathname}`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>AccessDenied</Code>');
    const tampered = new URL(url);
    tampered.searchParams.set('X-Amz-Expires', '999999');
    expect((await fetch(tampered)).status).toBe(403);
    const otherFile = new URL(url);
    otherFile.pathname = otherFile.pathname.replace(/-(\d+)\/000/, (_m, id: string) => `-${Number(id) + 1}/000`);
    expect((await fetch(otherFile)).status).toBe(403);
    const badSig = new URL(url);
    badSig.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    const res = await fetch(badSig);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('SignatureDoesNotMatch');
  });

  it('400 "Only one auth mechanism allowed" when an Authorization header comes along', async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${emu.apiKey}` } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Only one auth mechanism allowed');
  });

  it('HEAD answers the headers only', async () => {
    const res = await fetch(url, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(full.length));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('304 for If-None-Match with the ETag', async () => {
    const etag = (await fetch(url, { method: 'HEAD' })).headers.get('etag')!;
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });
});

describe('Range requests', () => {
  it('206 with Content-Range for a range, an open range and a suffix', async () => {
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      [`bytes=${full.length - 10}-`, full.length - 10, full.length - 1],
      ['bytes=-25', full.length - 25, full.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await fetch(url, { headers: { range } });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${full.length}`);
      expect(res.headers.get('content-length')).toBe(String(end - start + 1));
      expect(Buffer.from(await res.arrayBuffer()).equals(full.subarray(start, end + 1))).toBe(true);
    }
  });

  it('416 for a range past the end; a stale If-Range gets the whole file', async () => {
    const res = await fetch(url, { headers: { range: `bytes=${full.length}-` } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${full.length}`);
    const stale = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': '"stale"' } });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(full.length);
  });
});

describe('download faults', () => {
  it('cutDownloadAfterBytes: the connection drops after K bytes of a full-length promise', async () => {
    emu.faults.cutDownloadAfterBytes = 1000;
    const r = await rawGet(url);
    expect(r.status).toBe(200);
    expect(r.bytes).toBe(1000);
    expect(r.complete).toBe(false);
    await expect(fetch(url).then((res) => res.arrayBuffer())).rejects.toThrow();
    // Resuming with a Range is cut again after K bytes of that response.
    const resumed = await rawGet(url, { range: 'bytes=1000-' });
    expect(resumed).toMatchObject({ status: 206, bytes: 1000, complete: false });
  });

  it('cutDownloadsNext: the next N downloads drop half way through what they asked for; a Range resume then completes', async () => {
    emu.faults.cutDownloadsNext = 2;
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(200); // no body, nothing to cut: not counted
    expect(emu.faults.cutDownloadsNext).toBe(2);
    const half = Math.floor(full.length / 2);
    expect(await rawGet(url)).toMatchObject({ status: 200, bytes: half, complete: false });
    expect(await rawGet(url, { range: `bytes=${half}-` })).toMatchObject({
      status: 206,
      bytes: Math.floor((full.length - half) / 2),
      complete: false,
    });
    expect(emu.faults.cutDownloadsNext).toBe(0);
    const rest = await fetch(url, { headers: { range: `bytes=${half}-` } });
    expect(Buffer.concat([full.subarray(0, half), Buffer.from(await rest.arrayBuffer())]).equals(full)).toBe(true);
  });

  it('slowBodyBytesPerSec: the body arrives at about that rate', async () => {
    emu.faults.slowBodyBytesPerSec = 20_000;
    const r = await rawGet(url, { range: 'bytes=0-9999' });
    expect(r).toMatchObject({ status: 206, bytes: 10_000, complete: true });
    expect(r.ms).toBeGreaterThanOrEqual(480);
    expect(r.ms).toBeLessThan(2000);
  });
});

describe('expiry', () => {
  const wind = signalNamed('Nacelle', 'Wind Speed');
  const body = (format: string) => ({
    signals: [wind.id],
    timeWindow: { start: '2025-03-01T00:00:00Z', end: '2025-03-01T00:01:00Z' },
    format,
  });
  const expiredAnswer = async (fileUrl: string) => {
    const res = await fetch(fileUrl);
    return { status: res.status, text: await res.text() };
  };

  it('expireUrlsNext: the next N URLs handed out (sync with Finished, async with Running) have already expired', async () => {
    emu.faults.expireUrlsNext = 2;
    emu.faults.failWritesNext = 1;
    const failed = await emu.post('/api/v1/historical-data/sync', body('csv')); // hands out no URL: not counted
    expect(failed.status).toBe(500);
    const sync = ((await (await emu.post('/api/v1/historical-data/sync', body('csv'))).json()) as { outputFile: string }).outputFile;
    const started = (await (await emu.post('/api/v1/historical-data/async', body('csv'))).json()) as {
      requestId: number;
      outputFile: string;
    };
    const fresh = ((await (await emu.post('/api/v1/historical-data/sync', body('csv'))).json()) as { outputFile: string }).outputFile;
    expect(await expiredAnswer(sync)).toEqual({ status: 403, text: expect.stringContaining('Request has expired') });
    for (
      let i = 0;
      i < 100 &&
      ((await (await emu.get(`/api/v1/historical-data/${started.requestId}`)).json()) as { status: string }).status === 'Running';
      i++
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await expiredAnswer(started.outputFile)).toEqual({ status: 403, text: expect.stringContaining('Request has expired') });
    expect((await fetch(fresh)).status).toBe(200);
    expect(emu.faults.expireUrlsNext).toBe(0);
    // Their files are gone once written; the fresh one's stays.
    expect(readdirSync(emu.filesDir).filter((f) => f.endsWith('.csv')).length).toBe(2); // beforeAll's and the fresh one
  });

  it('expireUrls(): every URL handed out so far expires now and its file goes; later requests are unaffected', async () => {
    const before = ((await (await emu.post('/api/v1/historical-data/sync', body('json'))).json()) as { outputFile: string }).outputFile;
    expect((await fetch(before)).status).toBe(200);
    await emu.expireUrls();
    expect(await expiredAnswer(before)).toEqual({ status: 403, text: expect.stringContaining('Request has expired') });
    expect(await expiredAnswer(url)).toMatchObject({ status: 403 });
    expect(readdirSync(emu.filesDir)).toEqual([]);
    const after = ((await (await emu.post('/api/v1/historical-data/sync', body('json'))).json()) as { outputFile: string }).outputFile;
    expect((await fetch(after)).status).toBe(200);
  });

  it('403 once the URL has expired, and the file is removed', async () => {
    const wind = signalNamed('Nacelle', 'Wind Speed');
    const res = await emu.post('/api/v1/historical-data/sync', {
      signals: [wind.id],
      timeWindow: { start: '2025-03-01T00:00:00Z', end: '2025-03-01T00:01:00Z' },
      format: 'json',
    });
    const fileUrl = ((await res.json()) as { outputFile: string }).outputFile;
    const name = readdirSync(emu.filesDir).find((f) => f.endsWith('.json'))!;
    expect(existsSync(join(emu.filesDir, name))).toBe(true);
    emu.setNow(FIXED_NOW + 59_000);
    expect((await fetch(fileUrl)).status).toBe(200);
    emu.setNow(FIXED_NOW + 61_000);
    const expired = await fetch(fileUrl);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
    await emu.sweepFiles();
    expect(existsSync(join(emu.filesDir, name))).toBe(false);
  });
});
