import { z } from 'zod';
import { call, event, NoInput } from './define';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** `electron`: the desktop app; `browser`: the same window served to a browser by the local host. */
  mode: z.enum(['electron', 'browser']),
  /** How API keys are kept: encrypted on disk by the OS keychain, or in memory for this run only. */
  secretStorage: z.enum(['encrypted', 'memory']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appCalls = {
  'app.info': call('Name, version and mode of the running app.', NoInput, AppInfo),
};

/** A command the user chose in the desktop app's menu; the window carries it out. */
export const MenuAction = z.enum([
  'new-export', // File > New Export: start a fresh export request
  'save', // File > Save…: save the current result, as the window's own "Save…" button does
]);
export type MenuAction = z.infer<typeof MenuAction>;

export const appEvents = {
  'app.menu': event(
    'The user chose a menu command (desktop app only; browser mode has no menu and never sends it).',
    z.object({ action: MenuAction }),
  ),
};
