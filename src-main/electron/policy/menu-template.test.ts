import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuActions } from './menu-template';

const actions = (): MenuActions => ({
  newExport: vi.fn(),
  save: vi.fn(),
  about: vi.fn(),
  openDocs: vi.fn(),
  openLogFolder: vi.fn(),
  copyDiagnostics: vi.fn(),
});
const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => items.flatMap((i) => [i, ...flat(submenu(i))]);
const top = (items: MenuItemConstructorOptions[], label: string) =>
  items.find((i) => i.label?.replace('&', '') === label || i.role === label);

describe('menuTemplate', () => {
  it('File has New Export and Save…, which call their actions', () => {
    const a = actions();
    const file = submenu(top(menuTemplate({ appName: 'Signal Explorer', platform: 'linux', isDev: false }, a), 'File'));
    const byId = (id: string) => file.find((i) => i.id === id)!;
    expect(byId('new-export')).toMatchObject({ label: 'New Export', accelerator: 'CmdOrCtrl+N' });
    expect(byId('save')).toMatchObject({ label: 'Save…', accelerator: 'CmdOrCtrl+S' });
    (byId('new-export').click as () => void)();
    (byId('save').click as () => void)();
    expect(a.newExport).toHaveBeenCalledOnce();
    expect(a.save).toHaveBeenCalledOnce();
  });

  it('developer tools and reload only in development', () => {
    const roles = (isDev: boolean) => flat(menuTemplate({ appName: 'S', platform: 'linux', isDev }, actions())).map((i) => i.role);
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload', 'forceReload']));
    for (const role of ['toggleDevTools', 'reload', 'forceReload']) expect(roles(false)).not.toContain(role);
  });

  it('has Edit, View, Window and Help; Help has the docs link and About', () => {
    const a = actions();
    const menu = menuTemplate({ appName: 'Signal Explorer', platform: 'win32', isDev: false }, a);
    expect(menu.map((i) => i.role ?? i.label)).toEqual(['&File', 'editMenu', '&View', 'windowMenu', 'help']);
    const help = submenu(top(menu, 'help'));
    (help.find((i) => i.id === 'docs')!.click as () => void)();
    (help.find((i) => i.label === 'About Signal Explorer')!.click as () => void)();
    expect(a.openDocs).toHaveBeenCalledOnce();
    expect(a.about).toHaveBeenCalledOnce();
  });

  it('Help has Open Log Folder and Copy Diagnostics…, on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const a = actions();
      const help = submenu(top(menuTemplate({ appName: 'Signal Explorer', platform, isDev: false }, a), 'help'));
      (help.find((i) => i.id === 'open-log-folder')!.click as () => void)();
      (help.find((i) => i.id === 'copy-diagnostics')!.click as () => void)();
      expect(help.find((i) => i.id === 'copy-diagnostics')!.label).toBe('Copy Diagnostics…');
      expect(a.openLogFolder).toHaveBeenCalledOnce();
      expect(a.copyDiagnostics).toHaveBeenCalledOnce();
    }
  });

  it('on macOS: the app menu first, with About and Quit; File closes the window instead of quitting', () => {
    const menu = menuTemplate({ appName: 'Signal Explorer', platform: 'darwin', isDev: false }, actions());
    expect(menu[0]!.label).toBe('Signal Explorer');
    expect(submenu(menu[0]).map((i) => i.role ?? i.label)).toEqual(expect.arrayContaining(['About Signal Explorer', 'quit']));
    expect(submenu(top(menu, 'File')).map((i) => i.role)).toContain('close');
    expect(submenu(top(menu, 'help')).some((i) => i.label?.startsWith('About'))).toBe(false);
  });
});
