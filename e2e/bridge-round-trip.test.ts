/**
 * The whole bridge in browser mode, minus the browser: the renderer's `invoke` (the module the window
 * uses) over real HTTP to the host, through `dispatch`, to handlers, and back.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../src-main/bridge/event-hub';
import type { Handlers } from '../src-main/bridge/handlers';
import { AppError } from '../src-main/errors/app-error';
import { createHttpApi } from '../src-renderer/src/lib/http-api';
import { BridgeError, invoke } from '../src-renderer/src/lib/bridge';
import { createDownloads } from '../src-main/browser/downloads';
import { startBrowserHost, type BrowserHost } from '../src-main/browser/host';

const handlers = {
  'app.info': () => ({ name: 'Signal Explorer', version: '1.0.0', mode: 'browser', secretStorage: 'memory', platform: 'test' }),
  'connections.remove': () => {
    throw new AppError('unauthorized', 'The API refused the key.', { status: 401, hint: 'Check the connection’s API key.' });
  },
  // A buggy handler that answers something the contract does not allow.
  'history.list': () => [{ id: 1 }],
} as unknown as Handlers;

describe('renderer ↔ main round trip over HTTP', () => {
  let host: BrowserHost;
  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'se-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<html><head></head></html>');
    host = await startBrowserHost({ handlers, events: createEventHub(), downloads: createDownloads(), rendererDir });
    (globalThis as { window?: unknown }).window = { api: createHttpApi(host.token, host.origin) };
  });
  afterAll(async () => {
    delete (globalThis as { window?: unknown }).window;
    await host.close();
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('answers a call with the checked value', async () => {
    await expect(invoke('app.info', undefined)).resolves.toMatchObject({ name: 'Signal Explorer', version: '1.0.0' });
  });

  it("brings a handler's error to the renderer with its kind and details", async () => {
    const error = await invoke('connections.remove', { id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({
      kind: 'unauthorized',
      message: 'The API refused the key.',
      details: { status: 401, hint: 'Check the connection’s API key.' },
    });
  });

  it('refuses bad input before any handler runs, naming the field', async () => {
    const error = await invoke('connections.remove', { id: '' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'validation', details: { fields: [expect.objectContaining({ path: 'id' })] } });
  });

  it('refuses an answer that breaks the contract', async () => {
    await expect(invoke('history.list', undefined)).rejects.toMatchObject({
      kind: 'internal',
      message: expect.stringContaining('did not match the contract'),
    });
  });
});
