import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../bridge/event-hub';
import type { Handlers } from '../bridge/handlers';
import { createDownloads, type Downloads } from './downloads';
import { startBrowserHost, type BrowserHost } from './host';
import { send } from './testing/raw-http';

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'se-downloads-'));
  await writeFile(join(dir, 'index.html'), '<html><head></head></html>');
  await mkdir(join(dir, 'converted'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('offered downloads', () => {
  let host: BrowserHost;
  let clock = 0;
  let downloads: Downloads;
  beforeAll(async () => {
    downloads = createDownloads({ ttlMs: 60_000, maxOffered: 2, temporaryDir: join(dir, 'converted'), now: () => clock });
    host = await startBrowserHost({ handlers: {} as Handlers, events: createEventHub(), downloads, rendererDir: dir, token: 't' });
  });
  afterAll(async () => {
    await host.close();
    await downloads.close();
  });

  it('expire: the URL answers 404 and a conversion made for it is removed; a cached download is not', async () => {
    const converted = join(dir, 'converted', 'job-1.json');
    const cached = join(dir, 'job-2.csv');
    await writeFile(converted, '[]');
    await writeFile(cached, 'timestamp\n');
    clock = 1_000;
    const a = downloads.offer(converted, 'a.json');
    const b = downloads.offer(cached, 'b.csv');
    expect((await send(host.port, `${a}?token=t`)).status).toBe(200);
    clock += 60_001;
    const expired = await send(host.port, `${a}?token=t`);
    expect([expired.status, expired.body]).toEqual([404, 'This download has expired. Save again.']);
    expect((await send(host.port, `${b}?token=t`)).status).toBe(404);
    await downloads.settled();
    expect([await exists(converted), await exists(cached)]).toEqual([false, true]);
  });

  it('keep only the newest few: the oldest offer goes first', async () => {
    const paths = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const p = join(dir, 'converted', `n${n}.csv`);
        await writeFile(p, String(n));
        return p;
      }),
    );
    const urls = paths.map((p, i) => downloads.offer(p, `${i}.csv`));
    await downloads.settled();
    expect((await send(host.port, `${urls[0]}?token=t`)).status).toBe(404);
    expect((await send(host.port, `${urls[2]}?token=t`)).body).toBe('3');
    expect(await exists(paths[0]!)).toBe(false);
  });
});
