/**
 * The preload: builds `window.api` from the contract, one method per call and one subscription per
 * event. It exposes nothing else: no generic invoke, no `process`, no `require`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { apiPath, callChannel, callNames, eventChannel, eventNames } from './contract';

const api: Record<string, Record<string, unknown>> = {};

for (const name of callNames) {
  const [domain, method] = apiPath(name, false);
  (api[domain] ??= {})[method] = (input: unknown) => ipcRenderer.invoke(callChannel(name), input);
}

for (const name of eventNames) {
  const [domain, method] = apiPath(name, true);
  (api[domain] ??= {})[method] = (listener: (payload: unknown) => void) => {
    // Never hand the renderer Electron's event object: it carries the sender.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannel(name), forward);
    return () => ipcRenderer.removeListener(eventChannel(name), forward);
  };
}

contextBridge.exposeInMainWorld('api', api);
