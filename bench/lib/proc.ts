import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/*
 * The bench's other processes (emulator, host, floor decoder) run as children with an IPC channel:
 * each says {type: 'ready', ...} once it serves, answers {id, op} requests with {id, ok, value}, and
 * may push other messages (the emulator's 'produced'). Their memory is read from /proc: VmHWM is
 * the peak RSS, and writing 5 to clear_refs resets it to the current RSS, so each case gets its own peak.
 */

export interface Child {
  proc: ChildProcess;
  pid: number;
  ready: Record<string, unknown>;
  call<T>(op: string, args?: Record<string, unknown>): Promise<T>;
  on(type: string, listener: (msg: Record<string, unknown>) => void): void;
  stop(): Promise<void>;
  /** stderr so far, for error messages. */
  log(): string;
}

export interface ChildSpec {
  /** A .ts module (run with tsx) or a bundled .js. */
  module: string;
  args?: string[];
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

export async function startChild(spec: ChildSpec): Promise<Child> {
  const execArgv = [...(spec.module.endsWith('.ts') ? ['--import', 'tsx'] : []), ...(spec.execArgv ?? [])];
  const proc = fork(spec.module, spec.args ?? [], {
    execArgv,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let log = '';
  proc.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  proc.stdout!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  const listeners = new Map<string, ((msg: Record<string, unknown>) => void)[]>();
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  proc.on('message', (raw) => {
    const msg = raw as Record<string, unknown>;
    if (typeof msg.id === 'number' && pending.has(msg.id)) {
      const p = pending.get(msg.id)!;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new Error(String(msg.error)));
      return;
    }
    for (const l of listeners.get(String(msg.type)) ?? []) l(msg);
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  void exited.then((code) => {
    for (const p of pending.values()) p.reject(new Error(`${spec.module} exited (${code}) during a call:\n${log}`));
    pending.clear();
  });
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${spec.module} did not start in time:\n${log}`)), spec.startTimeoutMs ?? 60_000);
    (listeners.get('ready') ?? listeners.set('ready', []).get('ready')!).push((msg) => {
      clearTimeout(timer);
      resolve(msg);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${spec.module} exited (${code}) before it was ready:\n${log}`));
    });
  });
  return {
    proc,
    pid: proc.pid!,
    ready,
    log: () => log,
    on(type, listener) {
      (listeners.get(type) ?? listeners.set(type, []).get(type)!).push(listener);
    },
    call<T>(op: string, args: Record<string, unknown> = {}) {
      return new Promise<T>((resolve, reject) => {
        if (proc.exitCode !== null) return reject(new Error(`${spec.module} has exited:\n${log}`));
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        proc.send({ id, op, ...args });
      });
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function statusField(pid: number | 'self', field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** Peak RSS in MB since start or the last reset. */
export const peakRssMb = (pid: number | 'self') => statusField(pid, 'VmHWM');

/** Starts a new peak from the current RSS (Linux clear_refs: 5). */
export function resetPeak(pid: number | 'self'): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** The child side: answer the parent's requests with `handlers[op](msg)`. */
export function serveParent(handlers: Record<string, (msg: Record<string, unknown>) => unknown>): void {
  process.on('message', (raw) => {
    const msg = raw as { id: number; op: string } & Record<string, unknown>;
    const handler = handlers[msg.op];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown op ${msg.op}`);
        return handler(msg);
      })
      .then(
        (value) => process.send!({ id: msg.id, ok: true, value }),
        (error: unknown) =>
          process.send!({ id: msg.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
  // Leave when the bench does, even if it was killed.
  process.on('disconnect', () => process.exit(0));
}
