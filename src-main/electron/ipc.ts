import { callChannel, callNames, eventChannel, type Envelope } from '../../src-preload/contract';
import type { Handlers } from '../bridge/handlers';
import type { EventHub } from '../bridge/event-hub';
import { dispatch } from '../bridge/dispatch';
import type { AppLocation } from './policy/app-location';
import { isAppFrame, type FrameLike } from './policy/sender';

/** The part of Electron's `ipcMain` we use; a parameter so tests can drive it with forged events. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { readonly senderFrame: FrameLike | null }, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The part of a `BrowserWindow` we use. */
export interface AppWindowLike {
  isDestroyed(): boolean;
  readonly webContents: { readonly mainFrame: FrameLike; send(channel: string, ...args: unknown[]): void };
}

export const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { kind: 'forbidden', message: 'Refused: this call did not come from the Signal Explorer window.' },
};

/**
 * One `ipcMain.handle` per call of the contract, each behind the sender check and then `dispatch`
 * (input parsed with the contract's schema). A refused sender gets `forbidden`; no handler runs
 * and its input is not even parsed. Events go to the app window only. Returns the unregister.
 */
export function registerIpc(
  ipc: IpcMainLike,
  handlers: Handlers,
  events: EventHub,
  getWindow: () => AppWindowLike | null,
  loc: AppLocation,
): () => void {
  for (const name of callNames) {
    ipc.handle(callChannel(name), async (event, input) => {
      const win = getWindow();
      const mainFrame = win && !win.isDestroyed() ? win.webContents.mainFrame : null;
      if (!isAppFrame(event.senderFrame, mainFrame, loc)) {
        console.warn(`Signal Explorer refused ${name} from a frame that is not the app window (${event.senderFrame?.url ?? 'gone'}).`);
        return FORBIDDEN;
      }
      return dispatch(handlers, name, input, { transport: 'ipc' });
    });
  }
  const unsubscribe = events.subscribe((name, payload) => {
    const win = getWindow();
    // Events (job progress, file names) are for the app's page only, as calls are.
    if (win && !win.isDestroyed() && isAppFrame(win.webContents.mainFrame, win.webContents.mainFrame, loc)) {
      win.webContents.send(eventChannel(name), payload);
    }
  });
  return () => {
    unsubscribe();
    for (const name of callNames) ipc.removeHandler(callChannel(name));
  };
}
