import { z } from 'zod';
import { call, event, NoInput } from './define';
import { oneLine } from './bounds';

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

/** What only the window knows of where it runs; the main process adds the rest. */
export const DiagnosticsInput = z.object({
  /** The page's `navigator.userAgent`: in browser mode, the browser and its Chromium version. */
  userAgent: oneLine(512),
});
export type DiagnosticsInput = z.infer<typeof DiagnosticsInput>;

/** A bug report's text, complete and already redacted: what "Copy diagnostics" copies and shows. */
export const Diagnostics = z.object({ text: z.string() });
export type Diagnostics = z.infer<typeof Diagnostics>;

export const LogFolder = z.object({
  /** Whether the system's file manager opened it (false: no desktop to open it on). */
  opened: z.boolean(),
  /** Where it is, for the user to open or copy: the one answer that names a folder of this machine. */
  path: z.string(),
});
export type LogFolder = z.infer<typeof LogFolder>;

export const appCalls = {
  'app.info': call('Name, version and mode of the running app.', NoInput, AppInfo),
  'app.diagnostics': call(
    'A bug report: app and library versions, OS and runtime, settings, connections without keys, the last 200 log lines; no secret in it.',
    DiagnosticsInput,
    Diagnostics,
  ),
  'app.openLogFolder': call("Open the log's folder in the system file manager, and say where it is.", NoInput, LogFolder),
};

/** A command the user chose in the desktop app's menu; the window carries it out. */
export const MenuAction = z.enum([
  'new-export', // File > New Export: start a fresh export request
  'save', // File > Save…: save the current result, as the window's own "Save…" button does
  'copy-diagnostics', // Help > Copy Diagnostics…: as the footer's "Copy diagnostics" button does
]);
export type MenuAction = z.infer<typeof MenuAction>;

export const appEvents = {
  'app.menu': event(
    'The user chose a menu command (desktop app only; browser mode has no menu and never sends it).',
    z.object({ action: MenuAction }),
  ),
};
