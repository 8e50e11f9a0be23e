import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Signal Explorer';

/** The folder Electron's `app.getPath('userData')` would give, so both modes share settings. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  switch (platform()) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
  }
}

/** Downloaded output files live under the data folder, so "clear cache" is one folder. */
export const cacheDirOf = (dataDir: string) => join(dataDir, 'cache');
