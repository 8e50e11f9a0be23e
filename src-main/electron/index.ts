/**
 * The desktop app's entry: wires the plain services to Electron. Reads as a list of steps; every
 * decision (URLs, senders, window options, CSP, menus) is a tested pure function in `policy/`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Notification, safeStorage, session, shell } from 'electron';
import { startServices, type Services } from '../app/start-services';
import { cacheDirOf, PRODUCT_NAME } from '../app/paths';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { appLocation } from './policy/app-location';
import { createSafeSecretStore } from './secret-store';
import { denyPermissions, guardAnyContents } from './web-guards';
import { createMainWindow } from './window';
import { saveDialogOptions } from './policy/save-dialog';
import { levelFromEnv, openAppLog, type AppLog } from '../log/app-log';
import { watchProcess } from '../log/process-trail';

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

async function openWindow(dataDir: string, log: AppLog['log']) {
  mainWindow = await createMainWindow({ outDir, dataDir, loc, iconPath: process.platform === 'linux' ? iconPath : undefined, log });
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

/** A folder opened with the OS; said in the log when it could not be. */
async function openFolder(path: string, log: AppLog['log']): Promise<boolean> {
  const failure = await shell.openPath(path);
  if (failure) log.warn('Could not open a folder in the file manager', { path, reason: failure });
  return failure === '';
}

async function onReady(appLog: AppLog) {
  const { log } = appLog;
  const dataDir = app.getPath('userData');
  denyPermissions(session.defaultSession, loc);

  const secrets = await createSafeSecretStore(safeStorage, dataDir, process.platform, log);
  if (secrets.memoryOnlyReason) {
    // The window shows this too (app.info says secretStorage: 'memory').
    console.warn(`API keys will be kept for this run only: ${secrets.memoryOnlyReason}.`);
    log.warn('API keys are kept for this run only', { reason: secrets.memoryOnlyReason });
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
    log,
    logFile: appLog.file,
    openFolder: (path) => openFolder(path, log),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
  });
  const events = services.events;
  registerIpc(ipcMain, services.handlers, events, () => mainWindow, loc);
  installMenu({
    appName: PRODUCT_NAME,
    version: app.getVersion(),
    isDev,
    getWindow: () => mainWindow,
    sendMenuAction: (action) => events.emit('app.menu', { action }),
    openLogFolder: () => void openFolder(appLog.dir, log),
    log,
  });
  await openWindow(dataDir, log);
}

// One instance: a second launch focuses the window that is already open (and the two never
// write the same data folder at once).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Opened by the instance that holds the lock, before anything else can go wrong.
  const opened = openAppLog({ dataDir: app.getPath('userData'), level: levelFromEnv() });
  watchProcess(opened.log);
  app.on('child-process-gone', (_event, details) =>
    opened.log.error('A helper process of the app ended', { type: details.type, reason: details.reason, exitCode: details.exitCode }),
  );
  app.on('second-instance', focusWindow);
  app.on('web-contents-created', (_event, contents) => guardAnyContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow && app.isReady() && services) void openWindow(app.getPath('userData'), opened.log);
  });
  app.on('before-quit', () => void services?.close());
  // A failure inside onReady is an unhandled rejection: Electron's own dialog, and the log's crash line.
  app.whenReady().then(
    () => onReady(opened),
    (error: unknown) => {
      opened.log.error('Signal Explorer could not start', { err: error });
      console.error('Signal Explorer could not start:', error);
      app.quit();
    },
  );
}
