import { join } from 'node:path';
import { DEFAULT_SETTINGS, Settings } from '../../src-preload/contract';
import type { Handlers } from '../bridge/handlers';
import { readJsonFile, serialized, writeJsonFile } from '../storage/json-file';

/** The app's settings in `settings.json` of the data folder; read once, written atomically on change. */
export interface SettingsService {
  get(): Promise<Settings>;
  save(change: Partial<Settings>): Promise<Settings>;
}

export function createSettings(dataDir: string): SettingsService {
  const file = join(dataDir, 'settings.json');
  const queue = serialized(file);
  let cached: Settings | null = null;
  const get = async () => (cached ??= { ...DEFAULT_SETTINGS, ...(await readJsonFile(file, Settings.partial(), {})) });
  return {
    get,
    save: (change) =>
      queue(async () => {
        // Read again under the lock: another host on this data folder may have changed it.
        const next = Settings.parse({ ...DEFAULT_SETTINGS, ...(await readJsonFile(file, Settings.partial(), {})), ...change });
        await writeJsonFile(file, next);
        cached = next;
        return next;
      }),
  };
}

export function settingsHandlers(settings: SettingsService): Pick<Handlers, 'settings.get' | 'settings.save'> {
  return {
    'settings.get': () => settings.get(),
    'settings.save': (change) => settings.save(change),
  };
}
