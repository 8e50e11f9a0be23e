/**
 * The IPC sender check, driven the way Electron drives it: `registerIpc` is given an object that
 * records each `handle(channel, listener)`, and the test calls those listeners with events whose
 * `senderFrame` is forged or genuine. Electron itself cannot run on this machine (its binary is
 * fetched on first launch, offline here), so these plain objects stand in for `ipcMain` and
 * `WebFrameMain`; what is tested is our rule, which only reads `senderFrame`, the window's
 * `mainFrame`, and the frame's `url`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callChannel, callNames, eventChannel, type CallName } from '../../src-preload/contract';
import type { Handlers } from '../bridge/handlers';
import { createEventHub } from '../bridge/event-hub';
import { registerIpc, type AppWindowLike, type IpcMainLike } from './ipc';
import { appLocation } from './policy/app-location';
import { isAppFrame, type FrameLike } from './policy/sender';

const loc = appLocation('/opt/se/out', undefined, true);
const APP_URL = 'file:///opt/se/out/renderer/index.html';

type Listener = (event: { senderFrame: FrameLike | null }, ...args: unknown[]) => unknown;

function setup() {
  const listeners = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void listeners.set(channel, listener as Listener),
    removeHandler: (channel) => void listeners.delete(channel),
  };
  const ran: CallName[] = [];
  // Every handler records that it ran; none should for a forged sender.
  const handlers = Object.fromEntries(
    callNames.map((name) => [
      name,
      () => (
        ran.push(name),
        name === 'app.info'
          ? { name: 'Signal Explorer', version: '1', mode: 'electron', secretStorage: 'encrypted', platform: 'linux' }
          : null
      ),
    ]),
  ) as unknown as Handlers;
  const sent: Array<[string, unknown]> = [];
  const mainFrame: { url: string; detached?: boolean } = { url: APP_URL };
  const win: AppWindowLike & { destroyed: boolean } = {
    destroyed: false,
    isDestroyed: () => win.destroyed,
    webContents: { mainFrame, send: (channel, payload) => void sent.push([channel, payload]) },
  };
  const events = createEventHub();
  const unregister = registerIpc(ipc, handlers, events, () => win, loc);
  const call = (name: CallName, senderFrame: FrameLike | null, input?: unknown) =>
    Promise.resolve(listeners.get(callChannel(name))!({ senderFrame }, input)) as Promise<{ ok: boolean; error?: { kind: string } }>;
  return { listeners, ran, sent, mainFrame, win, events, unregister, call };
}

const forgeries: Array<[string, (s: ReturnType<typeof setup>) => FrameLike | null]> = [
  ['no sender frame (destroyed or navigated away)', () => null],
  ['an iframe showing the app page', () => ({ url: APP_URL })],
  ['another window’s main frame on the app page', () => ({ url: APP_URL })],
  ['the main frame, navigated to another site', (s) => Object.assign(s.mainFrame, { url: 'https://evil.example/' })],
  ['the main frame, on another local file', (s) => Object.assign(s.mainFrame, { url: 'file:///tmp/evil.html' })],
  ['the main frame, detached while unloading', (s) => Object.assign(s.mainFrame, { detached: true })],
];

describe('registerIpc: the sender check', () => {
  // Refusals are logged; keep the test output readable.
  beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}));
  afterEach(() => void vi.restoreAllMocks());

  it('registers one handler per call of the contract, and nothing else', () => {
    const s = setup();
    expect([...s.listeners.keys()].sort()).toEqual(callNames.map(callChannel).sort());
  });

  describe.each(forgeries)('refuses %s', (_label, forge) => {
    it.each(callNames)('on %s: forbidden, and the handler never runs', async (name) => {
      const s = setup();
      const answer = await s.call(name, forge(s), undefined);
      expect(answer).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(s.ran).toEqual([]);
    });
  });

  it.each(callNames)('lets the app window’s own main frame through on %s', async (name) => {
    const s = setup();
    const answer = await s.call(name, s.mainFrame, undefined);
    // Past the check: either the handler ran or dispatch judged the (empty) input; never forbidden.
    expect(answer.ok ? 'ok' : answer.error!.kind).not.toBe('forbidden');
  });

  it('runs the handler for the app frame', async () => {
    const s = setup();
    const answer = await s.call('app.info', s.mainFrame);
    expect(answer).toMatchObject({ ok: true, value: { name: 'Signal Explorer' } });
    expect(s.ran).toEqual(['app.info']);
  });

  it('refuses every caller once the window is gone', async () => {
    const s = setup();
    s.win.destroyed = true;
    expect(await s.call('app.info', s.mainFrame)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(s.ran).toEqual([]);
  });

  it('sends events to the app page only, and unregisters cleanly', () => {
    const s = setup();
    s.events.emit('app.menu', { action: 'save' });
    expect(s.sent).toEqual([[eventChannel('app.menu'), { action: 'save' }]]);
    s.mainFrame.url = 'https://evil.example/';
    s.events.emit('app.menu', { action: 'new-export' });
    expect(s.sent).toHaveLength(1);
    s.unregister();
    expect(s.listeners.size).toBe(0);
  });
});

describe('isAppFrame', () => {
  const main = { url: APP_URL };
  it('needs the very main-frame object, on the app URL', () => {
    expect(isAppFrame(main, main, loc)).toBe(true);
    expect(isAppFrame({ ...main }, main, loc)).toBe(false);
    expect(isAppFrame(main, null, loc)).toBe(false);
    expect(isAppFrame(undefined, main, loc)).toBe(false);
  });
});
