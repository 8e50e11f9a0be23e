/** The desktop app's entry: wires the plain services to Electron. Reads as a list of steps. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, shell } from 'electron';
import { startServices } from '../app/start-services';
import { cacheDirOf } from '../app/paths';
import { createMainWindow } from './window';
import { registerIpc } from './ipc';
import { safeSecretStore } from './secret-store';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let mainWindow: BrowserWindow | null = null;

async function onReady() {
  const dataDir = app.getPath('userData');
  const services = await startServices({
    mode: 'electron',
    version: app.getVersion(),
    platform: process.platform,
    dataDir,
    cacheDir: cacheDirOf(dataDir),
    secrets: safeSecretStore(dataDir),
    saveTarget: {
      kind: 'dialog',
      async choosePath(suggestedName, format) {
        const options = { defaultPath: suggestedName, filters: [{ name: format.toUpperCase(), extensions: [format] }] };
        const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
    },
    showInFolder: (path) => shell.showItemInFolder(path),
  });
  registerIpc(services.handlers, services.events, () => mainWindow);
  mainWindow = createMainWindow(outDir);
  mainWindow.on('closed', () => (mainWindow = null));
  app.on('before-quit', () => void services.close());
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && app.isReady()) mainWindow = createMainWindow(outDir);
});
app.whenReady().then(onReady, (error: unknown) => {
  console.error('Signal Explorer could not start:', error);
  app.quit();
});
