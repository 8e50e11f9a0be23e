import { join } from 'node:path';
import { app, BrowserWindow, dialog, screen } from 'electron';
import { appEntryUrl, type AppLocation } from './policy/app-location';
import { crashPrompt, hangPrompt, shouldOfferReload } from './policy/crash-prompts';
import { windowOptions } from './policy/window-options';
import { restoreBounds } from './policy/window-state';
import { loadWindowState, saveWindowState } from './policy/window-state-file';
import { guardAppContents } from './web-guards';
import type { Logger } from '../log/logger';

export interface MainWindowDeps {
  /** `out/`: holds preload/ and renderer/. */
  outDir: string;
  dataDir: string;
  loc: AppLocation;
  iconPath?: string;
  log: Logger;
}

/** Opens the main window where it was last (on a display that still exists), on the app's page. */
export async function createMainWindow(deps: MainWindowDeps): Promise<BrowserWindow> {
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const restored = restoreBounds(await loadWindowState(deps.dataDir), displays);

  const win = new BrowserWindow(
    windowOptions({ preloadPath: join(deps.outDir, 'preload', 'index.cjs'), bounds: restored?.bounds, iconPath: deps.iconPath }),
  );
  win.once('ready-to-show', () => (restored?.maximized ? win.maximize() : win.show()));
  guardAppContents(win.webContents, deps.loc, deps.log);
  rememberPlace(win, deps.dataDir, deps.log);
  offerReload(win, deps.loc, deps.log);
  void win.loadURL(appEntryUrl(deps.loc));
  return win;
}

/** Saves size and position shortly after each change (the app may quit before a save on close ends). */
function rememberPlace(win: BrowserWindow, dataDir: string, log: Logger): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (win.isDestroyed() || win.isMinimized()) return;
    const state = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    saveWindowState(dataDir, state).catch((error: unknown) => log.warn('Could not remember the window position', { err: error }));
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
}

/**
 * If the page crashes or hangs, offer to reload it. Jobs, connections and settings live in the
 * main process, so a reloaded page picks them up again.
 */
function offerReload(win: BrowserWindow, loc: AppLocation, log: Logger): void {
  let asking = false;
  let killedByUs = false;
  const reload = () => {
    if (!win.isDestroyed()) void win.loadURL(appEntryUrl(loc));
  };

  win.webContents.on('render-process-gone', (_event, details) => {
    log.error('The window crashed', { reason: details.reason, exitCode: details.exitCode, killedByUs });
    if (killedByUs) {
      killedByUs = false;
      reload();
      return;
    }
    if (!shouldOfferReload(details.reason) || asking || win.isDestroyed()) return;
    asking = true;
    void dialog.showMessageBox(win, crashPrompt(details.reason)).then(({ response }) => {
      asking = false;
      if (response === 0) reload();
      else app.quit();
    });
  });

  win.on('unresponsive', () => {
    log.warn('The window stopped responding');
    if (asking) return;
    asking = true;
    void dialog.showMessageBox(win, hangPrompt()).then(({ response }) => {
      asking = false;
      if (response !== 1 || win.isDestroyed()) return;
      // A hung renderer cannot reload itself: end it, and 'render-process-gone' reloads it.
      killedByUs = true;
      win.webContents.forcefullyCrashRenderer();
    });
  });
}
