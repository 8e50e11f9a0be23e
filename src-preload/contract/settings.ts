import { z } from 'zod';
import { call, NoInput } from './define';
import { DEFAULT_WEEK_START, WeekStart } from './time-calendar';

/** The app's settings, kept in the data folder. */
export const Settings = z.object({
  /** Chunks of one export in flight at once. */
  concurrency: z.number().int().min(1, 'At least 1').max(8, 'At most 8').default(3),
  /** The export cache's size; the oldest exports' data goes first (never one History still opens). */
  cacheLimitGb: z.number().min(1, 'At least 1 GB').max(10_000).default(20),
  /** The day weeks start on, for `now/w` and the quick ranges "This week" and "Previous week". */
  weekStart: WeekStart.default(DEFAULT_WEEK_START),
  /** How often Live asks Nortech for the newest points. */
  liveIntervalSeconds: z.number().min(0.2, 'At least 0.2 s').max(60, 'At most 60 s').default(2),
});
export type Settings = z.infer<typeof Settings>;
export const DEFAULT_SETTINGS: Settings = Settings.parse({});

export const settingsCalls = {
  'settings.get': call('The current settings.', NoInput, Settings),
  'settings.save': call('Change settings; answers them as now in force.', Settings.partial(), Settings),
};
