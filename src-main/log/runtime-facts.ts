import { arch, platform, release, version } from 'node:os';

/** Which machine and runtime: the app's start line and the diagnostics both say it. */
export function runtimeFacts() {
  return {
    os: `${platform()} ${release()} ${arch()}`,
    osVersion: version(),
    node: process.versions.node,
    v8: process.versions.v8,
    // Only inside Electron's main process; browser mode runs on plain Node.
    ...(process.versions.electron ? { electron: process.versions.electron, chromium: process.versions.chrome } : {}),
  };
}
