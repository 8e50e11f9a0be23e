import { spawn, spawnSync } from 'node:child_process';

/*
 * A real small disk for tests: the command runs in its own user and mount namespace (no root
 * needed) with a tmpfs of the given size mounted over `dir`. Writes past the size fail with
 * ENOSPC, as on a full disk; `readOnly` mounts it read-only (EROFS, even for root). The mount
 * lives as long as the command: what it leaves there, it must report itself.
 */

let available: boolean | undefined;

/** Whether this machine lets an unprivileged process mount a tmpfs in its own namespace. */
export function canMountSmallDisk(): boolean {
  available ??= process.platform === 'linux' && spawnSync('unshare', ['-rm', 'true'], { stdio: 'ignore' }).status === 0;
  return available;
}

export interface SmallDiskRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function onSmallDisk(opts: {
  dir: string;
  sizeBytes: number;
  readOnly?: boolean;
  command: string[];
  env?: NodeJS.ProcessEnv;
}): Promise<SmallDiskRun> {
  const options = `${opts.readOnly ? 'ro,' : ''}size=${opts.sizeBytes}`;
  const script = 'mount -t tmpfs -o "$1" tmpfs "$2" && shift 2 && exec "$@"';
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['-rm', 'sh', '-c', script, 'sh', options, opts.dir, ...opts.command], {
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
