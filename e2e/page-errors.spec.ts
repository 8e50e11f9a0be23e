/**
 * The watch behind "a UI spec fails on any console error" (fixtures/page-errors.ts), against a page
 * of a plain local server: it names each kind of error a user would see in the console, leaves out
 * what is not one (a warning, a request the page aborted itself), and lets a test expect some.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { watchPageErrors } from './fixtures/page-errors';

let server: Server;
let origin: string;
test.beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/')
      return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>t</title><link rel="icon" href="data:,">');
    if (req.url === '/broken') return res.writeHead(500).end('no');
    if (req.url === '/reset') return req.socket.destroy();
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 5_000);
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

test('names console errors, uncaught exceptions, failed requests and 4xx/5xx answers of the page, and nothing else', async ({ page }) => {
  const watch = watchPageErrors(page.context(), origin);
  await page.goto(`${origin}/`);
  await page.evaluate(async () => {
    console.warn('only a warning');
    console.error('something broke');
    setTimeout(() => {
      throw new Error('nobody caught this');
    });
    await fetch('/missing?token=0123abcd');
    await fetch('/broken', { method: 'POST' });
    await fetch('/reset').catch(() => undefined);
    const gaveUp = new AbortController();
    const slow = fetch('/slow', { signal: gaveUp.signal }).catch(() => undefined);
    gaveUp.abort();
    await slow;
  });
  const expected = [
    'console error: something broke',
    'page error: nobody caught this',
    'GET /missing?token=… → 404',
    'POST /broken → 500',
    'GET /reset failed: net::ERR_EMPTY_RESPONSE',
  ];
  await expect.poll(() => expected.filter((e) => !watch.unexpected().some((u) => u.startsWith(e)))).toEqual([]);
  const found = watch.unexpected();
  expect(found.filter((f) => /warning|slow|0123abcd/.test(f))).toEqual([]);
  // The browser's own line for each answer it counts as an error is a console error too.
  expect(found).toContainEqual(expect.stringMatching(/^console error: Failed to load resource: .* 404 .*\(at \/missing\?token=…\)$/));
  expect(() => watch.assertNone()).toThrow(/The page logged \d+ error\(s\) this test does not expect[^]*- POST \/broken → 500/);
  watch.stop();
});

test('what a test expects does not fail it; what it does not expect still does', async ({ page }) => {
  const watch = watchPageErrors(page.context(), origin, ['GET /missing']);
  watch.expect(/status of 404/);
  await page.goto(`${origin}/`);
  await page.evaluate(() => fetch('/missing'));
  await expect.poll(() => watch.unexpected()).toEqual([]);
  expect(() => watch.assertNone()).not.toThrow();
  await page.evaluate(() => console.error('not this one'));
  await expect.poll(() => watch.unexpected()).toEqual(['console error: not this one']);
  expect(() => watch.assertNone()).toThrow(/not this one/);
  watch.stop();
});
