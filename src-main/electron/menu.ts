import { dialog, Menu, shell, type BrowserWindow } from 'electron';
import type { MenuAction } from '../../src-preload/contract';
import { safeExternalUrl } from './policy/external-url';
import { menuTemplate } from './policy/menu-template';
import type { Logger } from '../log/logger';

/** Where Help > Documentation goes. Until Signal Explorer has its own pages, Nortech's site. */
export const DOCS_URL = 'https://nortech.ai';

export interface MenuDeps {
  appName: string;
  version: string;
  isDev: boolean;
  getWindow(): BrowserWindow | null;
  /** Sends the `app.menu` event to the window (through the event hub, like every event). */
  sendMenuAction(action: MenuAction): void;
  /** Help > Open Log Folder. */
  openLogFolder(): void;
  log: Logger;
}

/** Sets the platform's standard application menu with our File and Help commands. */
export function installMenu(deps: MenuDeps): void {
  const about = () => {
    const options = {
      type: 'info' as const,
      title: `About ${deps.appName}`,
      message: `${deps.appName} ${deps.version}`,
      detail: `Browse the signals of the Nortech AI platform and export their history.\n\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
      buttons: ['OK'],
    };
    const win = deps.getWindow();
    void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  };
  const openDocs = () => {
    const url = safeExternalUrl(DOCS_URL);
    if (url) shell.openExternal(url).catch((error: unknown) => deps.log.warn('Could not open the documentation', { url, err: error }));
  };
  const template = menuTemplate(
    { appName: deps.appName, platform: process.platform, isDev: deps.isDev },
    {
      newExport: () => deps.sendMenuAction('new-export'),
      save: () => deps.sendMenuAction('save'),
      about,
      openDocs,
      openLogFolder: deps.openLogFolder,
      copyDiagnostics: () => deps.sendMenuAction('copy-diagnostics'),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
