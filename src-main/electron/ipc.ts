import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { callChannel, callNames, eventChannel } from '../../src-preload/contract';
import type { Handlers } from '../bridge/handlers';
import type { EventHub } from '../bridge/event-hub';
import { dispatch } from '../bridge/dispatch';

/** Only the main frame of our own window may call: not an iframe, not another window. */
export function isAppFrame(frame: WebFrameMain | null, win: BrowserWindow | null): boolean {
  return !!frame && !!win && !win.isDestroyed() && frame === win.webContents.mainFrame;
}

/** One ipcMain handler per call of the contract, all through `dispatch`; events go to the window. */
export function registerIpc(handlers: Handlers, events: EventHub, getWindow: () => BrowserWindow | null): () => void {
  for (const name of callNames) {
    ipcMain.handle(callChannel(name), async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isAppFrame(event.senderFrame, getWindow())) {
        return { ok: false, error: { kind: 'forbidden', message: 'Refused: this call did not come from the app window.' } };
      }
      return dispatch(handlers, name, input, { transport: 'ipc' });
    });
  }
  const unsubscribe = events.subscribe((name, payload) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(eventChannel(name), payload);
  });
  return () => {
    unsubscribe();
    for (const name of callNames) ipcMain.removeHandler(callChannel(name));
  };
}
