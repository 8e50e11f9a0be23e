/**
 * The desktop app's entry: wires the plain services to Electron. Reads as a list of steps; every
 * decision (URLs, senders, window options, CSP, menus) is a tested pure function in `policy/`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import { startServices, type Services } from '../app/start-services';
import { cacheDirOf, PRODUCT_NAME } from '../app/paths';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { appLocation } from './policy/app-location';
import { createSafeSecretStore } from './secret-store';
import { denyPermissions, guardAnyContents } from './web-guards';
import { createMainWindow } from './window';
import { saveDialogOptions } from './policy/save-dialog';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const isDev = !app.isPackaged;
// A packaged app ignores ELECTRON_RENDERER_URL: nobody can point it at another page.
const loc = appLocation(outDir, process.env.ELECTRON_RENDERER_URL, app.isPackaged);
// The window icon on Linux (Windows and macOS take it from the packaged app).
const iconPath = join(app.getAppPath(), 'resources', 'icon.png');

// `--data-dir=DIR`, as browser mode takes it: a test or a portable setup gets its own folder (and
// with it its own single-instance lock). Set before anything reads userData.
const dataDirSwitch = app.commandLine.getSwitchValue('data-dir');
if (dataDirSwitch) app.setPath('userData', resolve(dataDirSwitch));

let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;

async function openWindow(dataDir: string) {
  mainWindow = await createMainWindow({ outDir, dataDir, loc, iconPath: process.platform === 'linux' ? iconPath : undefined });
  // Live polls nobody watches while minimised (the page's own visibility may not say so on every
  // platform), nor with no window at all (macOS keeps the app running).
  services?.live.setHidden('minimised', false);
  mainWindow.on('minimize', () => services?.live.setHidden('minimised', true));
  mainWindow.on('restore', () => services?.live.setHidden('minimised', false));
  mainWindow.on('closed', () => {
    mainWindow = null;
    services?.live.setHidden('minimised', true);
  });
}

function focusWindow() {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function onReady() {
  const dataDir = app.getPath('userData');
  denyPermissions(session.defaultSession, loc);

  const secrets = await createSafeSecretStore(safeStorage, dataDir, process.platform);
  if (secrets.memoryOnlyReason) {
    // The window shows this too (app.info says secretStorage: 'memory').
    console.warn(`API keys will be kept for this run only: ${secrets.memoryOnlyReason}.`);
  }

  services = await startServices({
    mode: 'electron',
    version: app.getVersion(),
    platform: process.platform,
    dataDir,
    cacheDir: cacheDirOf(dataDir),
    secrets: secrets.store,
    saveTarget: {
      kind: 'dialog',
      // The save path always comes from this dialog, never from the page.
      async choosePath(suggestedName, format, layout) {
        const options = saveDialogOptions(suggestedName, format, layout);
        const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
    },
    showInFolder: (path) => shell.showItemInFolder(path),
  });
  const events = services.events;
  registerIpc(ipcMain, services.handlers, events, () => mainWindow, loc);
  installMenu({
    appName: PRODUCT_NAME,
    version: app.getVersion(),
    isDev,
    getWindow: () => mainWindow,
    sendMenuAction: (action) => events.emit('app.menu', { action }),
  });
  await openWindow(dataDir);
}

// One instance: a second launch focuses the window that is already open (and the two never
// write the same data folder at once).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  app.on('web-contents-created', (_event, contents) => guardAnyContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow && app.isReady() && services) void openWindow(app.getPath('userData'));
  });
  app.on('before-quit', () => void services?.close());
  app.whenReady().then(onReady, (error: unknown) => {
    console.error('Signal Explorer could not start:', error);
    app.quit();
  });
}
