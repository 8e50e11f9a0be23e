import { z } from 'zod';
import { call, NoInput } from './define';

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
