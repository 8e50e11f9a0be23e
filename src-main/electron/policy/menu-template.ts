import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's own commands do; the Electron side supplies them. */
export interface MenuActions {
  /** Sent to the window as the `app.menu` event: the page starts a new export / opens "Save…". */
  newExport(): void;
  save(): void;
  about(): void;
  openDocs(): void;
  /** Help > Open Log Folder: the main process opens it with the OS. */
  openLogFolder(): void;
  /** Help > Copy Diagnostics: sent to the window, which copies the text and shows it. */
  copyDiagnostics(): void;
}

export interface MenuFacts {
  appName: string;
  platform: NodeJS.Platform;
  /** Developer tools and reload appear only here (`electron-vite dev`, an unpackaged app). */
  isDev: boolean;
}

/**
 * The application menu as data (type-only import of electron: this runs in plain Node tests).
 * Roles give each platform its native items, shortcuts and translations.
 */
export function menuTemplate(facts: MenuFacts, actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = facts.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${facts.appName}`, click: () => actions.about() };
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const macAppMenu: MenuItemConstructorOptions = {
    label: facts.appName,
    submenu: [about, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
  };
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'new-export', label: 'New Export', accelerator: 'CmdOrCtrl+N', click: () => actions.newExport() },
      { id: 'save', label: 'Save…', accelerator: 'CmdOrCtrl+S', click: () => actions.save() },
      sep,
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  const devItems: MenuItemConstructorOptions[] = facts.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, sep]
    : [];
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [...devItems, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, sep, { role: 'togglefullscreen' }],
  };
  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      { id: 'docs', label: `${facts.appName} Documentation`, click: () => actions.openDocs() },
      sep,
      { id: 'open-log-folder', label: 'Open Log Folder', click: () => actions.openLogFolder() },
      { id: 'copy-diagnostics', label: 'Copy Diagnostics…', click: () => actions.copyDiagnostics() },
      ...(isMac ? [] : [sep, about]),
    ],
  };
  return [...(isMac ? [macAppMenu] : []), file, edit, view, windowMenu, help];
}
