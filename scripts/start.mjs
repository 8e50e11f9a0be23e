#!/usr/bin/env node
/**
 * `npm start` (after the build): the desktop app. Where Electron cannot start (no display, or its
 * binary cannot be fetched, as offline), say so in one line and start browser mode instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const extraArgs = process.argv.slice(2);

function electronBinary() {
  // Electron 45 fetches its binary on first launch; `path.txt` exists once it has been fetched.
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathTxt = join(pkgDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override && existsSync(join(override, 'electron'))) return join(override, 'electron');
  if (existsSync(pathTxt)) {
    const binary = join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
    if (existsSync(binary)) return binary;
  }
  // Try the first-launch download once (quietly); offline it fails fast.
  const fetched = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  if (fetched.status === 0 && existsSync(pathTxt)) return join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return null;
}

function whyNotElectron() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display';
  if (!electronBinary()) return 'the Electron binary is not installed and could not be downloaded';
  return null;
}

const reason = whyNotElectron();
if (reason) {
  console.log(`Electron cannot start here (${reason}): starting browser mode instead.`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/browser/cli.ts', ...extraArgs], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const child = spawn(electronBinary(), ['.', ...extraArgs], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
